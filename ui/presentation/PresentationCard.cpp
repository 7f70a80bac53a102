// SPDX-License-Identifier: GPL-3.0-or-later
#include "presentation/PresentationCard.h"
#include "topology/KindAliases.h"

#include "models/ShareStateStyle.h"
#include "share/ShareAccess.h"
#include "share/ShareCommands.h"
#include "share/ShareStatus.h"

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

} // namespace

// Where everything of a card goes, and how large.
struct PresentationCard::Plan {
    QRectF qr;   // empty: no code
    QRectF head; // title, status and detail
    QRectF body; // the main text; inside head when it is stacked with them
    bool bodyInHead = true;
    QStringList lines;
    TypeScale size;
    qreal mainSize = 0; // size.code, or the smaller waiting text
};

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
    m_accent = shareStateColor(row.health.state);
    m_mainIsCode = !address.isEmpty();
    if (address.isEmpty())
        m_main = tr("waiting for a public address…");
    else if (ShareCommands::isSshPort(row))
        m_main = ShareCommands::sshCommand(row, user);
    else if (row.isGated())
        m_main = ShareCommands::connectCommand(row);
    else if (ShareCommands::isGnmiPort(row))
        m_main = address;
    else if (const QString link = ShareCommands::url(row); !link.isEmpty())
        m_main = link;
    else
        m_main = address;

    // The state, in every view's words, only when it is a problem; the detail says why, or how to log in.
    m_status = up ? QString() : share::ShareStatus::text(row.health.state);
    QStringList detail;
    if (!up) {
        if (!row.health.lastError.isEmpty())
            detail << row.health.lastError;
    } else if (ShareCommands::isGnmiPort(row)) {
        const QString login = user.isEmpty() ? topology::defaultLoginUser(row.kind) : user;
        const QString security = row.spec.type == topology::PublishType::Tls ? QStringLiteral("TLS, --skip-verify")
                                                                             : QStringLiteral("--insecure");
        detail << (login.isEmpty() ? security : tr("user %1 · %2").arg(login, security));
    }
    if (up && (row.health.reclaimingPort || row.health.alsoPort))
        detail << share::ShareStatus::addressesText(row.health); // the stand-in, and the handed-out address
    const share::ShareAccess access = share::ShareAccess::of(row.spec, row.isGated());
    if (access.kind() != share::ShareAccess::Kind::Open)
        detail << access.text(); // never the lab's list as if it were enforced
    m_detail = detail.join(QStringLiteral(" · "));

    const QString payload = ShareCommands::qrPayload(row, user);
    if (payload != m_qrPayload) {
        m_qrPayload = payload;
        m_qr = qr::QrCode::encode(payload);
    }
    setAccessibleName(m_title);
    setAccessibleDescription(m_status.isEmpty() ? m_main : m_main + QStringLiteral(" — ") + m_status);
    update();
}

PresentationCard::Plan PresentationCard::plan(const TypeScale& cap) const {
    Plan plan;
    const QRectF card = QRectF(rect()).adjusted(0.5, 0.5, -0.5, -0.5);
    const qreal stripe = std::max<qreal>(6, std::min(card.width(), card.height()) * 0.035);
    const qreal pad = std::max<qreal>(8, std::min(card.width(), card.height()) * 0.07);
    const QRectF area = card.adjusted(stripe + pad, pad, -pad, -pad);
    if (area.width() < 20 || area.height() < 20)
        return plan;

    // Two ways to lay out a card: the code on the right at full height with all text in a column on
    // its left ("side"), or a smaller code top right beside the title with the command across the
    // whole width below ("stacked"). The command is what students type: take whichever makes it
    // larger, preferring the bigger code unless stacking wins clearly.
    const QFont mono = m_mainIsCode ? monoFont() : sansFont(false);
    const bool hasQr = !m_qr.isNull();
    const bool hasStatus = !m_status.isEmpty();
    // The share of the head's height the main text may take when it is in the head.
    const qreal mainShare = hasStatus ? 0.36 : 0.48;
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
    side.lines = mainLines(mono, m_main, side.head.width(), side.head.height() * mainShare, &side.mainSize);
    plan = side;
    if (hasQr && m_mainIsCode && area.width() >= area.height() * 1.2) {
        Plan stacked;
        const qreal qr = std::min(area.height() * 0.58, area.width() * 0.4);
        stacked.qr = QRectF(area.right() - qr, area.top(), qr, qr);
        stacked.head = QRectF(area.left(), area.top(), area.width() - qr - pad, qr);
        stacked.body = QRectF(area.left(), area.top() + qr + pad / 2, area.width(), area.height() - qr - pad / 2);
        stacked.bodyInHead = false;
        stacked.lines = mainLines(mono, m_main, stacked.body.width(), stacked.body.height(), &stacked.mainSize);
        const bool stack =
            cap.layout == Layout::Auto ? stacked.mainSize > side.mainSize * 1.25 : cap.layout == Layout::Stacked;
        if (stack)
            plan = stacked;
    }
    // The title helps students find their node; it never outgrows the command.
    const qreal titleShare = plan.bodyInHead ? (hasStatus ? 0.22 : 0.28) : (hasStatus ? 0.3 : 0.42);
    const qreal titleFit =
        fittedPixelSize(sansFont(true), {m_title}, plan.head.width(), plan.head.height() * titleShare);
    TypeScale& size = plan.size;
    size.layout = plan.bodyInHead ? Layout::Side : Layout::Stacked;
    size.title = m_mainIsCode ? std::min(titleFit, std::max<qreal>(plan.mainSize * 1.1, 18))
                              : std::min(titleFit, std::max<qreal>(area.height() * 0.18, 18));
    size.code = m_mainIsCode ? plan.mainSize : 0;
    // A problem reads from the back of the room: as large as the title, if it fits.
    size.status =
        hasStatus
            ? std::min(fittedPixelSize(sansFont(true), {m_status}, plan.head.width(), plan.head.height() * titleShare),
                       size.title)
            : 0;
    // The detail (why, how to log in, who can connect) at a fixed ratio of the title: a long one is cut
    // short (the status above already says what is wrong) rather than shrunk out of sight.
    size.detail = m_detail.isEmpty() ? 0 : std::floor(size.title * 0.55);
    // Everything in the head column must fit its height (with the gaps paintEvent leaves): shrink
    // all of it alike when it does not.
    const auto height = [](QFont font, qreal px) {
        font.setPixelSize(std::max(1, int(px)));
        return QFontMetricsF(font).height();
    };
    const qreal gapFactor = 0.3;
    const qreal titleHeight = height(sansFont(true), size.title);
    qreal needed = titleHeight;
    if (plan.bodyInHead)
        needed += titleHeight * gapFactor + height(mono, plan.mainSize) * plan.lines.size();
    if (hasStatus)
        needed += titleHeight * gapFactor + height(sansFont(true), size.status);
    if (!m_detail.isEmpty())
        needed += titleHeight * gapFactor + height(sansFont(false), size.detail);
    if (needed > plan.head.height()) {
        const qreal f = plan.head.height() / needed;
        size.title = std::floor(size.title * f);
        size.status = std::floor(size.status * f);
        size.detail = std::floor(size.detail * f);
        if (plan.bodyInHead)
            plan.mainSize = std::floor(plan.mainSize * f);
        size.code = m_mainIsCode ? plan.mainSize : 0;
    }
    // The slide's scale: never larger than what this card fits.
    const auto capped = [](qreal own, qreal shared) {
        return shared > 0 ? std::min(own, shared) : own;
    };
    size.title = capped(size.title, cap.title);
    size.code = capped(size.code, cap.code);
    size.status = capped(size.status, cap.status);
    size.detail = capped(size.detail, cap.detail);
    plan.mainSize = m_mainIsCode ? size.code : std::min(plan.mainSize, size.title * 0.6);
    return plan;
}

PresentationCard::TypeScale PresentationCard::naturalScale(Layout layout) const {
    TypeScale want;
    want.layout = layout;
    return plan(want).size;
}

void PresentationCard::setTypeScale(const TypeScale& scale) {
    m_scale = scale;
    update();
}

PresentationCard::TypeScale PresentationCard::typeScale() const {
    return plan(m_scale).size;
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
    // The state as a stripe down the left edge, in the colour every view gives it.
    const qreal stripe = std::max<qreal>(6, std::min(card.width(), card.height()) * 0.035);
    p.save();
    p.setClipPath(shape);
    p.fillRect(QRectF(card.left(), card.top(), stripe, card.height()), m_accent);
    p.restore();

    const Plan plan = this->plan(m_scale);
    if (plan.head.isEmpty())
        return;
    if (!m_qr.isNull())
        paintQrCode(p, m_qr, plan.qr);

    QFont titleFont = sansFont(true);
    titleFont.setPixelSize(std::max(1, int(plan.size.title)));
    QFont mainFont = m_mainIsCode ? monoFont() : sansFont(false);
    mainFont.setPixelSize(std::max(1, int(plan.mainSize)));
    QFont statusFont = sansFont(true);
    statusFont.setPixelSize(std::max(1, int(plan.size.status)));
    QFont detailFont = sansFont(false);
    detailFont.setPixelSize(std::max(1, int(plan.size.detail)));
    const QFontMetricsF tm(titleFont), mm(mainFont), sm(statusFont), dm(detailFont);
    const qreal gap = tm.height() * 0.3;
    const qreal mainHeight = mm.height() * plan.lines.size();
    const qreal statusHeight = m_status.isEmpty() ? 0 : gap + sm.height();
    const qreal detailHeight = m_detail.isEmpty() ? 0 : gap + dm.height();
    const auto line = [&p](const QFontMetricsF& fm, const QString& s, const QRectF& box, qreal top) {
        p.drawText(QRectF(box.left(), top, box.width(), fm.height()), Qt::AlignLeft | Qt::AlignVCenter,
                   fm.elidedText(s, Qt::ElideRight, box.width()));
    };
    // The head column, centred vertically: title, status, the main text if it lives here, detail.
    const qreal headTotal = tm.height() + (plan.bodyInHead ? gap + mainHeight : 0) + statusHeight + detailHeight;
    qreal y = plan.head.top() + std::max<qreal>(0, (plan.head.height() - headTotal) / 2);
    p.setFont(titleFont);
    p.setPen(titleColor);
    line(tm, m_title, plan.head, y);
    y += tm.height();
    // A problem comes first, under the title, in the state's colour.
    if (!m_status.isEmpty()) {
        p.setFont(statusFont);
        p.setPen(m_accent);
        line(sm, m_status, plan.head, y + gap);
        y += statusHeight;
    }
    qreal mainTop = y + gap;
    if (plan.bodyInHead)
        y += gap + mainHeight;
    else
        mainTop = plan.body.top() + std::max<qreal>(0, (plan.body.height() - mainHeight) / 2);
    if (!m_detail.isEmpty()) {
        p.setFont(detailFont);
        p.setPen(detailColor);
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
