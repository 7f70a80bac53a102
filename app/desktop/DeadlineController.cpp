// SPDX-License-Identifier: GPL-3.0-or-later
#include "DeadlineController.h"
#include "LabController.h"
#include "MainWindow.h"
#include "tray/TrayIcon.h"
#include "widgets/ShareUntilDialog.h"

#include <QStatusBar>

namespace labshare::app {

using share::ShareDeadline;

DeadlineController::DeadlineController(ui::MainWindow& window, ui::TrayIcon& tray, LabController& lab,
                                       share::DeadlineWatch::Clock clock, QObject* parent)
    : QObject(parent)
    , m_window(window)
    , m_tray(tray)
    , m_lab(lab)
    , m_watch(std::move(clock)) {
    connect(&m_lab, &LabController::sharesChanged, this, &DeadlineController::onSharesChanged);
    connect(&m_watch, &share::DeadlineWatch::warning, this, &DeadlineController::onWarning);
    connect(&m_watch, &share::DeadlineWatch::ended, this, &DeadlineController::onEnded);
    connect(&m_watch, &share::DeadlineWatch::changed, this, &DeadlineController::changed);
}

void DeadlineController::onSharesChanged() {
    if (m_generation != m_lab.generation()) {
        m_generation = m_lab.generation();
        m_watch.clear(); // another lab: its class has not been given an end
    }
    m_watch.setShares(m_lab.session() ? m_lab.session()->tickedNames() : QStringList());
}

void DeadlineController::ask(const QString& subject, const QString& text, bool hasDeadline,
                             std::function<void(std::optional<ShareDeadline>)> apply) {
    auto* dialog = new ui::ShareUntilDialog(
        subject, text, hasDeadline, [this] { return m_watch.now(); }, &m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &ui::ShareUntilDialog::deadlineChosen, this,
            [apply](const ShareDeadline& deadline, const QString&) { apply(deadline); });
    connect(dialog, &ui::ShareUntilDialog::deadlineCleared, this, [apply] { apply(std::nullopt); });
    dialog->open();
}

void DeadlineController::askForLab() {
    const share::ShareSession* session = m_lab.session();
    share::LabSettings* settings = m_lab.settings();
    if (!session || !settings)
        return;
    // The deadline set now, else how long the last class ran: a duration, so it means as much today.
    const std::optional<ShareDeadline> now = m_watch.labDeadline();
    const qint64 remembered = settings->classSeconds();
    const QString text = now              ? ShareDeadline::clockText(now->end())
                         : remembered > 0 ? ShareDeadline::durationText(remembered)
                                          : QString();
    const quint64 generation = m_lab.generation();
    ask(tr("every share of %1").arg(session->topology().name), text, now.has_value(),
        [this, generation](std::optional<ShareDeadline> deadline) {
            if (generation != m_lab.generation() || !m_lab.settings())
                return;
            m_watch.setLabDeadline(deadline);
            if (deadline)
                m_lab.settings()->setClassSeconds(deadline->lengthFrom(m_watch.now()));
            m_window.statusBar()->showMessage(deadline ? m_watch.endingText() : tr("Shares run until you stop them."),
                                              8000);
        });
}

void DeadlineController::askForShare(const QString& share) {
    if (!m_lab.session() || !m_lab.session()->isTicked(share))
        return;
    const std::optional<ShareDeadline> own = m_watch.ownDeadline(share);
    const quint64 generation = m_lab.generation();
    ask(share, own ? ShareDeadline::clockText(own->end()) : QString(), own.has_value(),
        [this, generation, share](std::optional<ShareDeadline> deadline) {
            if (generation != m_lab.generation() || !m_lab.session() || !m_lab.session()->isTicked(share))
                return; // another lab, or the share stopped meanwhile
            m_watch.setShareDeadline(share, deadline);
        });
}

void DeadlineController::extend() {
    if (!m_watch.extendEnding(kExtendSeconds))
        return;
    m_window.showBanner(tr("Extended: %1.").arg(m_watch.endingText()), false);
    m_window.expireBanner(8000);
}

void DeadlineController::onWarning() {
    const QString what = m_watch.endingText();
    m_window.showBanner(what.toHtmlEscaped() + QLatin1Char('.'), false, tr("Extend 30 min"), [this] { extend(); });
    m_tray.showMessage(tr("LabShare: the class ends soon"),
                       tr("%1. Extend 30 min from the tray menu or the window.").arg(what), QSystemTrayIcon::Warning);
}

void DeadlineController::onEnded(const QStringList& names, const QDateTime& end) {
    if (names.isEmpty())
        return;
    Q_EMIT sharesEnding(names);
    m_lab.endShares(names);
    const QString when = ShareDeadline::clockText(end);
    const QString what = names.size() == 1 ? tr("%1 stopped at %2").arg(names.constFirst(), when)
                                           : tr("%1 shares stopped at %2").arg(names.size()).arg(when);
    const quint64 generation = m_lab.generation();
    m_window.showBanner(
        tr("The class is over: %1. Their addresses are kept for the next class.").arg(what.toHtmlEscaped()), false,
        tr("Share them again"), [this, generation, names] {
            if (generation != m_lab.generation())
                return;
            m_window.clearBanner();
            m_lab.publishNamed(names);
        });
    m_tray.showMessage(tr("LabShare: the class is over"), what + QLatin1Char('.'));
}

} // namespace labshare::app
