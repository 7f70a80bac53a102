// SPDX-License-Identifier: GPL-3.0-or-later
#include "presentation/PresentationCard.h"

#include "share/ShareCommands.h"

#include <QFontMetricsF>
#include <QPainter>
#include <QPainterPath>

#include <cmath>

namespace labshare::ui {

using share::ShareCommands;
using share::ShareRow;
using tunnel::ShareState;

namespace {

const QColor cardColor(0x16, 0x1b, 0x22);
const QColor borderColor(0x30, 0x36, 0x3d);
const QColor titleColor(0xff, 0xff, 0xff);
const QColor mainColor(0xff, 0xe0, 0x66); // yellow on near-black: the most legible pair on a projector
const QColor waitingColor(0x8b, 0x94, 0x9e);
const QColor detailColor(0xc9, 0xd1, 0xd9);

QColor stateColor(ShareState state) {
    switch (state) {
    case ShareState::Up:
        return {0x3f, 0xb9, 0x50};
    case ShareState::Connecting:
    case ShareState::Reconnecting:
    case ShareState::Degraded:
        return {0xd2, 0x99, 0x22};
    case ShareState::Failed:
        return {0xf8, 0x51, 0x49};
    case ShareState::Idle:
    case ShareState::Stopped:
        break;
    }
    return waitingColor;
}

QFont sansFont(bool bold) {
    QFont f;
    f.setFamilies({QStringLiteral("DejaVu Sans"), QStringLiteral("Sans Serif")});
    f.setStyleHint(QFont::SansSerif);
    f.setBold(bold);
    return f;
}

QFont monoFont() {
    QFont f;
    f.setFamilies({QStringLiteral("DejaVu Sans Mono"), QStringLiteral("Monospace")});
    f.setStyleHint(QFont::Monospace);
    f.setFixedPitch(true);
    f.setBold(true);
    return f;
}

// The largest pixel size at which every line fits `width` and all lines fit `height`.
qreal fittedPixelSize(QFont font, const QStringList& lines, qreal width, qreal height) {
    font.setPixelSize(100);
    const QFontMetricsF fm(font);
    qreal widest = 1;
    for (const QString& line : lines)
        widest = std::max(widest, fm.horizontalAdvance(line));
    const qreal byWidth = 100 * width / widest;
    const qreal byHeight = 100 * height / (fm.height() * lines.size());
    return std::max<qreal>(8, std::floor(std::min(byWidth, byHeight)));
}

// The command on one line, or on two broken at the space that balances them best, whichever
// allows the larger type.
QStringList mainLines(const QFont& font, const QString& text, qreal width, qreal height, qreal* size) {
    QStringList best{text};
    *size = fittedPixelSize(font, best, width, height);
    qsizetype bestSplit = -1;
    for (qsizetype i = text.indexOf(QLatin1Char(' ')); i > 0; i = text.indexOf(QLatin1Char(' '), i + 1))
        if (bestSplit < 0 || std::abs(text.size() - 2 * i) < std::abs(text.size() - 2 * bestSplit))
            bestSplit = i;
    if (bestSplit > 0) {
        const QStringList two{text.left(bestSplit), text.mid(bestSplit + 1)};
        const qreal twoSize = fittedPixelSize(font, two, width, height);
        if (twoSize > *size * 1.15) {
            *size = twoSize;
            best = two;
        }
    }
    return best;
}

// Where everything of a card goes, and how large.
struct Plan {
    QRectF qr;   // empty: no code
    QRectF head; // title and detail
    QRectF body; // the main text; inside head when it is stacked with them
    bool bodyInHead = true;
    QStringList lines;
    qreal titleSize = 0;
    qreal mainSize = 0;
    qreal detailSize = 0;
};

} // namespace

PresentationCard::PresentationCard(QWidget* parent)
    : QWidget(parent) {
    setObjectName(QStringLiteral("presentationCard"));
    setAttribute(Qt::WA_OpaquePaintEvent, false);
}

void PresentationCard::setRow(const ShareRow& row, const QString& user) {
    m_shareName = row.name;
    m_title = row.node + QStringLiteral(" · ") + ShareCommands::serviceName(row);
    const QString address = ShareCommands::hostPort(row);
    const bool up = row.health.state == ShareState::Up;
    m_accent = stateColor(row.health.state);
    m_mainIsCode = !address.isEmpty();
    if (address.isEmpty())
        m_main = tr("waiting for a public address…");
    else if (ShareCommands::isSshPort(row))
        m_main = ShareCommands::sshCommand(row, user);
    else if (ShareCommands::isGnmiPort(row))
        m_main = address;
    else if (const QString link = ShareCommands::url(row); !link.isEmpty())
        m_main = link;
    else
        m_main = address;

    if (!up) {
        m_detail = !row.health.lastError.isEmpty() ? row.health.lastError : tunnel::shareStateName(row.health.state);
    } else if (ShareCommands::isGnmiPort(row)) {
        const QString login = user.isEmpty() ? share::defaultLoginUser(row.kind) : user;
        const QString security = row.spec.type == topology::PublishType::Tls ? QStringLiteral("TLS, --skip-verify")
                                                                             : QStringLiteral("--insecure");
        m_detail = login.isEmpty() ? security : tr("user %1 · %2").arg(login, security);
    } else if (!row.spec.isOpen()) {
        m_detail = tr("for %1").arg(row.spec.allowed.join(QStringLiteral(", ")));
    } else {
        m_detail.clear();
    }

    const QString payload = ShareCommands::qrPayload(row, user);
    if (payload != m_qrPayload) {
        m_qrPayload = payload;
        m_qr = QrCode::encode(payload);
    }
    setAccessibleName(m_title);
    setAccessibleDescription(m_main);
    update();
}

void PresentationCard::paintEvent(QPaintEvent*) {
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    const QRectF card = QRectF(rect()).adjusted(0.5, 0.5, -0.5, -0.5);
    const qreal radius = std::min(card.width(), card.height()) * 0.04;
    QPainterPath shape;
    shape.addRoundedRect(card, radius, radius);
    p.fillPath(shape, cardColor);
    p.setPen(QPen(borderColor, 1));
    p.drawPath(shape);
    // The state as a stripe down the left edge: green, amber, red, grey.
    const qreal stripe = std::max<qreal>(6, std::min(card.width(), card.height()) * 0.035);
    p.save();
    p.setClipPath(shape);
    p.fillRect(QRectF(card.left(), card.top(), stripe, card.height()), m_accent);
    p.restore();

    const qreal pad = std::max<qreal>(8, std::min(card.width(), card.height()) * 0.07);
    const QRectF area = card.adjusted(stripe + pad, pad, -pad, -pad);
    if (area.width() < 20 || area.height() < 20)
        return;

    // Two ways to lay out a card: the code on the right at full height with all text in a column on
    // its left ("side"), or a smaller code top right beside the title with the command across the
    // whole width below ("stacked"). The command is what students type: take whichever makes it
    // larger, preferring the bigger code unless stacking wins clearly.
    const QFont mono = m_mainIsCode ? monoFont() : sansFont(false);
    const bool hasQr = !m_qr.isNull();
    Plan side;
    if (hasQr && area.width() < area.height() * 1.2) { // a tall card: the code under the text
        const qreal textHeight = area.height() * 0.45;
        side.head = QRectF(area.left(), area.top(), area.width(), textHeight);
        side.qr =
            QRectF(area.left(), area.top() + textHeight + pad / 2, area.width(), area.height() - textHeight - pad / 2);
    } else {
        const qreal qr = hasQr ? std::min(area.height(), area.width() * 0.42) : 0;
        side.qr = hasQr ? QRectF(area.right() - qr, area.center().y() - qr / 2, qr, qr) : QRectF();
        side.head = area.adjusted(0, 0, hasQr ? -(qr + pad) : 0, 0);
    }
    side.body = side.head;
    side.lines = mainLines(mono, m_main, side.head.width(), side.head.height() * 0.48, &side.mainSize);
    Plan plan = side;
    if (hasQr && m_mainIsCode && area.width() >= area.height() * 1.2) {
        Plan stacked;
        const qreal qr = std::min(area.height() * 0.58, area.width() * 0.4);
        stacked.qr = QRectF(area.right() - qr, area.top(), qr, qr);
        stacked.head = QRectF(area.left(), area.top(), area.width() - qr - pad, qr);
        stacked.body = QRectF(area.left(), area.top() + qr + pad / 2, area.width(), area.height() - qr - pad / 2);
        stacked.bodyInHead = false;
        stacked.lines = mainLines(mono, m_main, stacked.body.width(), stacked.body.height(), &stacked.mainSize);
        if (stacked.mainSize > side.mainSize * 1.25)
            plan = stacked;
    }
    // The title helps students find their node; it never outgrows the command, nor a status line the title.
    QFont titleFont = sansFont(true);
    const qreal titleFit =
        fittedPixelSize(titleFont, {m_title}, plan.head.width(), plan.head.height() * (plan.bodyInHead ? 0.28 : 0.42));
    plan.titleSize = m_mainIsCode ? std::min(titleFit, std::max<qreal>(plan.mainSize * 1.1, 18))
                                  : std::min(titleFit, std::max<qreal>(area.height() * 0.18, 18));
    if (!m_mainIsCode)
        plan.mainSize = std::min(plan.mainSize, plan.titleSize * 0.6);
    // The detail says why a share is not up: large enough to read, never larger than the title.
    QFont detailFont = sansFont(false);
    plan.detailSize = std::min(fittedPixelSize(detailFont, {m_detail}, plan.head.width(), plan.head.height() * 0.2),
                               std::max<qreal>(plan.titleSize * 0.6, 14));
    titleFont.setPixelSize(int(plan.titleSize));
    QFont mainFont = mono;
    mainFont.setPixelSize(int(plan.mainSize));
    detailFont.setPixelSize(int(plan.detailSize));

    if (hasQr)
        m_qr.paint(p, plan.qr);

    const QFontMetricsF tm(titleFont), mm(mainFont), dm(detailFont);
    const qreal gap = tm.height() * 0.3;
    const qreal mainHeight = mm.height() * plan.lines.size();
    const qreal detailHeight = m_detail.isEmpty() ? 0 : gap + dm.height();
    const auto line = [&p](const QFontMetricsF& fm, const QString& s, const QRectF& box, qreal top) {
        p.drawText(QRectF(box.left(), top, box.width(), fm.height()), Qt::AlignLeft | Qt::AlignVCenter,
                   fm.elidedText(s, Qt::ElideRight, box.width()));
    };
    // The head column, centred vertically: title, then the main text if it lives here, then detail.
    const qreal headTotal = tm.height() + (plan.bodyInHead ? gap + mainHeight : 0) + detailHeight;
    qreal y = plan.head.top() + std::max<qreal>(0, (plan.head.height() - headTotal) / 2);
    p.setFont(titleFont);
    p.setPen(titleColor);
    line(tm, m_title, plan.head, y);
    y += tm.height();
    qreal mainTop = y + gap;
    if (plan.bodyInHead)
        y += gap + mainHeight;
    else
        mainTop = plan.body.top() + std::max<qreal>(0, (plan.body.height() - mainHeight) / 2);
    if (!m_detail.isEmpty()) {
        p.setFont(detailFont);
        p.setPen(m_accent == stateColor(ShareState::Up) ? detailColor : m_accent);
        line(dm, m_detail, plan.head, y + gap);
    }
    p.setFont(mainFont);
    p.setPen(m_mainIsCode ? mainColor : waitingColor);
    for (const QString& s : std::as_const(plan.lines)) {
        line(mm, s, plan.body, mainTop);
        mainTop += mm.height();
    }
}

} // namespace labshare::ui
