// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "qr/QrPicture.h"
#include "share/ShareSession.h"

#include <QWidget>

namespace labshare::ui {

// One share on the projector: "leaf1 · SSH" in large type, the command or address to type in a
// very large monospace font, the state when it is not Up (in the words and colour of every other
// view, as large as the title), a line of login, reason or who-can-connect detail, and the QR code.
// Painted rather than built from labels so every text is fitted to the card, whatever the grid makes
// of it; the view gives every card of a slide one type scale (the smallest that fits them all).
class PresentationCard : public QWidget {
    Q_OBJECT

public:
    // Where the command goes: beside the QR code with the title ("side"), or across the card under
    // them ("stacked"); Auto lets the card choose whichever gives the larger command.
    enum class Layout { Auto, Side, Stacked };
    // Pixel sizes of a card's texts, and its layout.
    struct TypeScale {
        Layout layout = Layout::Auto;
        qreal title = 0;
        qreal code = 0;   // the command or address
        qreal status = 0; // "Reconnecting…"
        qreal detail = 0;
    };

    explicit PresentationCard(QWidget* parent = nullptr);

    // `user`: the login user the instructor chose, else the kind's default.
    void setRow(const share::ShareRow& row, const QString& user = {});

    QString shareName() const { return m_shareName; }
    QString title() const { return m_title; }         // "leaf1 · SSH"
    QString mainText() const { return m_main; }       // what to type or open
    QString statusText() const { return m_status; }   // share::ShareStatus::text, empty when Up
    QString detailText() const { return m_detail; }   // "relay stopped answering", "user admin", …
    QString qrPayload() const { return m_qrPayload; } // empty: no code shown
    const qr::QrCode& qrCode() const { return m_qr; }
    bool hasCode() const { return m_mainIsCode; } // false while it waits for a public address

    // The largest sizes at which this card's texts fit its current size, in `layout` where it can.
    TypeScale naturalScale(Layout layout = Layout::Auto) const;
    // The layout and sizes every card of the slide uses; a field left 0 (or Auto) keeps the card's own.
    void setTypeScale(const TypeScale& scale);
    // The sizes it paints with.
    TypeScale typeScale() const;

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    struct Plan;
    Plan plan(const TypeScale& cap) const;

    QString m_shareName;
    QString m_title;
    QString m_main;
    bool m_mainIsCode = true;
    QString m_status;
    QString m_detail;
    TypeScale m_scale;
    QColor m_accent;
    QString m_qrPayload;
    qr::QrCode m_qr;
};

} // namespace labshare::ui
