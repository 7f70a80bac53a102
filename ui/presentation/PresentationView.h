// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "share/ShareSession.h"

#include <QHash>
#include <QList>
#include <QWidget>

class QScreen;

namespace labshare::ui {

class PresentationCard;

// The projector view: one card per share (node and service, the command or address in very
// large monospace type, a QR code of ShareCommands::qrPayload) in a grid that uses the screen as
// well as it can for 1 to 12 shares and beyond; dark background, high contrast. Esc closes it.
// Cards are sorted by node, then type and port; all are the same size and share one type scale.
// setRows() updates the cards in place on every health tick.
class PresentationView : public QWidget {
    Q_OBJECT

public:
    explicit PresentationView(QWidget* parent = nullptr);

    void setTitle(const QString& labName);
    // When the shares stop on their own ("until 17:00"), in the header; empty: they do not.
    void setEnding(const QString& text);
    QString ending() const { return m_ending; }
    void setRows(const QList<share::ShareRow>& rows);
    // The login user the instructor chose for a share (else the kind's default).
    void setLoginUser(const QString& shareName, const QString& user);
    // Full screen on `screen` (the projector), or on the one the view is on.
    void present(QScreen* screen = nullptr);

    QList<PresentationCard*> cards() const { return m_cards; }

    // How many columns lay out `count` cards in `area` with the largest cards. Pure, for tests.
    static int columnsFor(int count, const QSizeF& area, qreal spacing);

Q_SIGNALS:
    void closed();

protected:
    void keyPressEvent(QKeyEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    void paintEvent(QPaintEvent* event) override;
    void closeEvent(QCloseEvent* event) override;

private:
    void relayout();
    qreal headerHeight() const;
    qreal spacing() const;

    QString m_title;
    QString m_ending;
    QList<share::ShareRow> m_rows;
    void updateTypeScale();

    QList<PresentationCard*> m_cards; // in m_rows' order
    QHash<QString, QString> m_users;
};

} // namespace labshare::ui
