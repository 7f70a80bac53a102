// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "qr/QrCode.h"
#include "share/ShareSession.h"

#include <QWidget>

namespace labshare::ui {

// One share on the projector: "leaf1 · SSH" in large type, the command or address to type in a
// very large monospace font, a line of state or login detail, and the QR code. Painted rather
// than built from labels so every text is fitted to the card, whatever the grid makes of it.
class PresentationCard : public QWidget {
    Q_OBJECT

public:
    explicit PresentationCard(QWidget* parent = nullptr);

    // `user`: the login user the instructor chose, else the kind's default.
    void setRow(const share::ShareRow& row, const QString& user = {});

    QString shareName() const { return m_shareName; }
    QString title() const { return m_title; }         // "leaf1 · SSH"
    QString mainText() const { return m_main; }       // what to type or open
    QString detailText() const { return m_detail; }   // "reconnecting…", "user admin", …
    QString qrPayload() const { return m_qrPayload; } // empty: no code shown
    const QrCode& qrCode() const { return m_qr; }

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    QString m_shareName;
    QString m_title;
    QString m_main;
    bool m_mainIsCode = true;
    QString m_detail;
    QColor m_accent;
    QString m_qrPayload;
    QrCode m_qr;
};

} // namespace labshare::ui
