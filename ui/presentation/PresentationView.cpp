// SPDX-License-Identifier: GPL-3.0-or-later
#include "presentation/PresentationView.h"

#include "presentation/PresentationCard.h"

#include <QCloseEvent>
#include <QKeyEvent>
#include <QPainter>
#include <QRegularExpression>
#include <QScreen>

#include <algorithm>
#include <cmath>

namespace labshare::ui {

using share::ShareRow;

namespace {

const QColor backgroundColor(0x0b, 0x0e, 0x14);
const QColor headerColor(0xc9, 0xd1, 0xd9);
const QColor hintColor(0x8b, 0x94, 0x9e);
// The shape a card's content wants (text on the left, QR code on the right).
constexpr qreal idealCardAspect = 2.0;

// "leaf2" before "leaf10": runs of digits compare by value, the rest by character (case-insensitive).
// (QCollator's numeric mode depends on the locale and does nothing in the C locale.)
int naturalCompare(const QString& a, const QString& b) {
    qsizetype i = 0, j = 0;
    while (i < a.size() && j < b.size()) {
        if (a[i].isDigit() && b[j].isDigit()) {
            qsizetype ei = i, ej = j;
            while (ei < a.size() && a[ei].isDigit())
                ++ei;
            while (ej < b.size() && b[ej].isDigit())
                ++ej;
            const QString na = a.mid(i, ei - i).remove(QRegularExpression(QStringLiteral("^0+(?=.)")));
            const QString nb = b.mid(j, ej - j).remove(QRegularExpression(QStringLiteral("^0+(?=.)")));
            if (na.size() != nb.size())
                return na.size() < nb.size() ? -1 : 1;
            if (const int c = na.compare(nb); c != 0)
                return c;
            i = ei;
            j = ej;
            continue;
        }
        if (const int c = QString::compare(a.mid(i, 1), b.mid(j, 1), Qt::CaseInsensitive); c != 0)
            return c;
        ++i;
        ++j;
    }
    return (a.size() - i > 0) - (b.size() - j > 0);
}

} // namespace

PresentationView::PresentationView(QWidget* parent)
    : QWidget(parent) {
    setObjectName(QStringLiteral("presentationView"));
    setWindowFlag(Qt::Window);
    setWindowTitle(tr("LabShare — presentation"));
    setAttribute(Qt::WA_OpaquePaintEvent);
    setFocusPolicy(Qt::StrongFocus);
    setMinimumSize(320, 200);
}

void PresentationView::setTitle(const QString& labName) {
    m_title = labName;
    update();
}

void PresentationView::setEnding(const QString& text) {
    if (text == m_ending)
        return;
    m_ending = text;
    update();
}

void PresentationView::setLoginUser(const QString& shareName, const QString& user) {
    m_users.insert(shareName, user);
    for (PresentationCard* card : std::as_const(m_cards))
        for (const ShareRow& row : std::as_const(m_rows))
            if (card->shareName() == shareName && row.name == shareName)
                card->setRow(row, user);
}

void PresentationView::setRows(const QList<ShareRow>& rows) {
    m_rows.clear();
    for (const ShareRow& r : rows)
        if (r.health.state != tunnel::ShareState::Stopped)
            m_rows << r;
    // Students look for their node: cards go by node ("leaf2" before "leaf10"), then type and port.
    std::stable_sort(m_rows.begin(), m_rows.end(), [](const ShareRow& a, const ShareRow& b) {
        if (const int c = naturalCompare(a.node, b.node); c != 0)
            return c < 0;
        if (a.spec.type != b.spec.type)
            return a.spec.type < b.spec.type;
        return a.spec.port < b.spec.port;
    });

    // Reuse the card of each share that stays; the grid changes only when the count does.
    QHash<QString, PresentationCard*> byName;
    for (PresentationCard* card : std::as_const(m_cards))
        byName.insert(card->shareName(), card);
    QList<PresentationCard*> cards;
    for (const ShareRow& row : std::as_const(m_rows)) {
        PresentationCard* card = byName.take(row.name);
        if (!card) {
            card = new PresentationCard(this);
            card->show();
        }
        card->setRow(row, m_users.value(row.name));
        cards << card;
    }
    qDeleteAll(byName);
    const bool moved = cards != m_cards;
    m_cards = cards;
    if (moved) {
        relayout();
        update();
    } else {
        updateTypeScale(); // a card's texts changed
    }
}

void PresentationView::updateTypeScale() {
    // One layout and one type scale across the slide: the layout that gives the larger command on the
    // card that fits the smallest, then each size the smallest any card needs.
    const auto slideScale = [this](PresentationCard::Layout layout) {
        PresentationCard::TypeScale scale;
        scale.layout = layout;
        const auto smallest = [](qreal& shared, qreal own) {
            if (own > 0)
                shared = shared > 0 ? std::min(shared, own) : own;
        };
        for (const PresentationCard* card : std::as_const(m_cards)) {
            const PresentationCard::TypeScale own = card->naturalScale(layout);
            smallest(scale.title, own.title);
            smallest(scale.code, own.code);
            smallest(scale.status, own.status);
            smallest(scale.detail, own.detail);
        }
        return scale;
    };
    const PresentationCard::TypeScale side = slideScale(PresentationCard::Layout::Side);
    const PresentationCard::TypeScale stacked = slideScale(PresentationCard::Layout::Stacked);
    const PresentationCard::TypeScale& scale = stacked.code > side.code * 1.25 ? stacked : side;
    for (PresentationCard* card : std::as_const(m_cards))
        card->setTypeScale(scale);
}

void PresentationView::present(QScreen* screen) {
    if (!screen)
        screen = this->screen();
    setScreen(screen);
    // Full screen is the window manager's job; where there is none (a bare X server), cover the screen anyway.
    setGeometry(screen->geometry());
    showFullScreen();
    raise();
    activateWindow();
}

int PresentationView::columnsFor(int count, const QSizeF& area, qreal gap) {
    if (count <= 1)
        return 1;
    int best = 1;
    qreal bestScale = -1;
    for (int columns = 1; columns <= count; ++columns) {
        const int rowCount = (count + columns - 1) / columns;
        const qreal w = (area.width() - gap * (columns - 1)) / columns;
        const qreal h = (area.height() - gap * (rowCount - 1)) / rowCount;
        // How large the content of a card can be: its height, unless the width is what limits.
        const qreal scale = std::min(h, w / idealCardAspect);
        if (scale > bestScale + 0.5) {
            bestScale = scale;
            best = columns;
        }
    }
    return best;
}

qreal PresentationView::headerHeight() const {
    return std::max<qreal>(28, height() * 0.05);
}

qreal PresentationView::spacing() const {
    return std::max<qreal>(8, std::min(width(), height()) * 0.02);
}

void PresentationView::relayout() {
    if (m_cards.isEmpty())
        return;
    const qreal gap = spacing();
    const QRectF area(gap, headerHeight(), width() - 2 * gap, height() - headerHeight() - gap);
    const int count = int(m_cards.size());
    const int columns = columnsFor(count, area.size(), gap);
    const int rowCount = (count + columns - 1) / columns;
    const qreal w = (area.width() - gap * (columns - 1)) / columns;
    const qreal h = (area.height() - gap * (rowCount - 1)) / rowCount;
    for (int i = 0; i < count; ++i) {
        const int row = i / columns;
        // Centre a short last row rather than leaving a hole at its end.
        const int inRow = row == rowCount - 1 ? count - row * columns : columns;
        const qreal offset = (columns - inRow) * (w + gap) / 2;
        const int column = i % columns;
        // Every card the same whole-pixel size: round the corner, never the width or height.
        const QPointF corner(area.left() + offset + column * (w + gap), area.top() + row * (h + gap));
        m_cards.at(i)->setGeometry(QRect(corner.toPoint(), QSize(int(w), int(h))));
    }
    updateTypeScale();
}

void PresentationView::keyPressEvent(QKeyEvent* event) {
    if (event->key() == Qt::Key_Escape) {
        close();
        return;
    }
    QWidget::keyPressEvent(event);
}

void PresentationView::resizeEvent(QResizeEvent* event) {
    QWidget::resizeEvent(event);
    relayout();
}

void PresentationView::closeEvent(QCloseEvent* event) {
    QWidget::closeEvent(event);
    if (event->isAccepted())
        Q_EMIT closed();
}

void PresentationView::paintEvent(QPaintEvent*) {
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    p.fillRect(rect(), backgroundColor);

    const qreal gap = spacing();
    const QRectF header(gap, 0, width() - 2 * gap, headerHeight());
    QFont font;
    font.setFamilies({QStringLiteral("DejaVu Sans"), QStringLiteral("Sans Serif")});
    font.setPixelSize(int(header.height() * 0.5));
    font.setBold(true);
    p.setFont(font);
    p.setPen(headerColor);
    const QString title = m_title.isEmpty() ? tr("LabShare") : m_title;
    p.drawText(header, Qt::AlignLeft | Qt::AlignVCenter, title);
    font.setBold(false);
    font.setPixelSize(int(header.height() * 0.36));
    p.setFont(font);
    p.setPen(hintColor);
    p.drawText(header, Qt::AlignRight | Qt::AlignVCenter, tr("Esc to close"));
    if (!m_ending.isEmpty()) {
        font.setBold(true);
        font.setPixelSize(int(header.height() * 0.5));
        p.setFont(font);
        p.setPen(headerColor);
        p.drawText(header, Qt::AlignHCenter | Qt::AlignVCenter, m_ending);
    }

    if (m_cards.isEmpty()) {
        font.setPixelSize(int(std::max<qreal>(16, height() * 0.06)));
        p.setFont(font);
        p.drawText(rect(), Qt::AlignCenter, tr("Nothing shared yet"));
    }
}

} // namespace labshare::ui
