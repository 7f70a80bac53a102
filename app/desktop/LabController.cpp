// SPDX-License-Identifier: GPL-3.0-or-later
#include "LabController.h"
#include "DesktopGate.h"
#include "MainWindow.h"
#include "RelayController.h"
#include "ShareQuestions.h"
#include "models/TopologyModel.h"
#include "share/ShareCommands.h"
#include "share/ShareName.h"
#include "topology/KindAliases.h"
#include "widgets/OpenAnywayDialog.h"
#include "widgets/Question.h"

#include <QFileInfo>
#include <QStatusBar>
#include <QTreeView>

namespace labshare::app {

namespace {

constexpr int kUndoMs = 10000;

// Why a load gave no lab to show: the loader's error, or the file's first problem.
QString whyNotLoaded(const Result<topology::Topology>& loaded) {
    if (!loaded)
        return loaded.error().message;
    if (loaded->problems.isEmpty())
        return LabController::tr("%1 has no nodes.").arg(loaded->file);
    return loaded->problems.constFirst().toString();
}

} // namespace

LabController::LabController(ui::MainWindow& window, ui::TopologyModel& model, RelayController& relays,
                             DesktopGate& gate, QObject* parent)
    : QObject(parent)
    , m_window(window)
    , m_model(model)
    , m_relays(relays)
    , m_gate(gate) {
    connect(&m_gate, &DesktopGate::stateChanged, this, &LabController::onGateStateChanged);
    connect(&m_watcher, &share::LabWatcher::loaded, this, &LabController::onLoaded);
    connect(&m_relays, &RelayController::engineChanged, this, [this](tunnel::TunnelEngine* engine) {
        m_gate.attach(engine); // first: a share never reaches an engine before its gate does
        if (m_session)
            m_session->setEngine(engine);
    });
    connect(&m_model, &ui::TopologyModel::publishRequested, this, &LabController::publish);
    connect(&m_model, &ui::TopologyModel::unpublishRequested, this, &LabController::onUnpublishRequested);
    connect(&m_model, &ui::TopologyModel::addressOverrideChanged, this,
            [this](const QString& node, const QString& host) {
                if (!m_session || !m_settings)
                    return;
                m_settings->setAddressOverride(node, host);
                m_session->setTargetOverride(node, host);
                m_session->setTopology(m_session->topology()); // re-targets what is ticked on that node
            });
}

LabController::~LabController() {
    stopSharing();
}

void LabController::stopSharing() {
    m_stopped = true;
    if (m_session)
        m_session->setEngine(nullptr);
}

QList<share::ShareRow> LabController::rows() const {
    return m_session ? m_session->rows() : QList<share::ShareRow>();
}

void LabController::open(const QString& path) {
    const QFileInfo file(path);
    if (!file.isFile()) {
        m_window.showBanner(tr("Cannot open %1: there is no such file.").arg(path), true);
        return;
    }
    if (m_session && file.absoluteFilePath() == m_watcher.path())
        return; // open already, and reloaded whenever it changes
    const QList<share::ShareRow> rows = m_session ? m_session->rows() : QList<share::ShareRow>();
    const QString absolute = file.absoluteFilePath();
    const auto load = [this, absolute] {
        m_window.statusBar()->showMessage(tr("Opening %1…").arg(absolute), 3000);
        m_watcher.load(absolute);
    };
    if (rows.isEmpty()) {
        load();
        return;
    }
    const quint64 generation = m_generation;
    ui::ask(&m_window, ShareQuestions::openOtherLab(rows, file.fileName()), [this, generation, load](bool yes) {
        if (yes && generation == m_generation)
            load(); // the shares stop only once the new lab has loaded
    });
}

void LabController::onLoaded(const QString& path, const Result<topology::Topology>& loaded, bool reload) {
    if (m_stopped)
        return; // quitting
    if (!reload) {
        openLoaded(path, loaded);
        return;
    }
    if (!m_session || path != m_watcher.path())
        return;
    if (!loaded || loaded->nodes.isEmpty()) {
        // Mid-edit, most likely: what students reach stays as it is until the file is whole again.
        const QString why = whyNotLoaded(loaded);
        m_window.showBanner(tr("%1<br>LabShare keeps the last good version of the lab and its shares until the file "
                               "is fixed.")
                                .arg(why.toHtmlEscaped()),
                            true);
        return;
    }
    applyReload(*loaded);
}

void LabController::openLoaded(const QString& path, const Result<topology::Topology>& loaded) {
    if (!loaded || loaded->nodes.isEmpty()) {
        const QString why = whyNotLoaded(loaded);
        if (!m_session) {
            m_window.showEmptyState(share::LabSettings::recentFiles());
            m_window.showBanner(why, true);
            return;
        }
        m_window.showBanner(tr("Cannot open %1: %2<br>%3 stays open, with its shares.")
                                .arg(QFileInfo(path).fileName().toHtmlEscaped(), why.toHtmlEscaped(),
                                     m_session->topology().name.toHtmlEscaped()),
                            true);
        return;
    }
    share::LabSettings::addRecentFile(path);
    m_watcher.watch(path);
    startSession(*loaded);
    offerLastShares(showProblems(*loaded, false));
    m_window.statusBar()->showMessage(tr("%1: %n node(s)", nullptr, loaded->nodes.size()).arg(loaded->name), 5000);
}

void LabController::applyReload(const topology::Topology& lab) {
    m_session->setTopology(lab);
    m_model.setTopology(lab);
    showTicks();
    if (const QList<share::ShareSession::MovedTarget> moved = m_session->takeMovedTargets(); !moved.isEmpty())
        askToMove(moved);
    const QStringList orphans = m_session->orphans();
    if (orphans.isEmpty()) {
        showProblems(lab, true);
        return;
    }
    m_window.showBanner(
        tr("%1 no longer has the node(s) of %n share(s); they keep running, so students' addresses stay, until you "
           "stop them:<br>%2",
           nullptr, orphans.size())
            .arg(QFileInfo(lab.file).fileName().toHtmlEscaped(),
                 ShareQuestions::addressList(rowsNamed(orphans))
                     .toHtmlEscaped()
                     .replace(QLatin1Char('\n'), QStringLiteral("<br>"))),
        false, tr("Stop them…"), [this, orphans] { askToStop(orphans); });
}

void LabController::startSession(const topology::Topology& lab) {
    ++m_generation;
    if (m_session)
        m_session->setEngine(nullptr);
    m_session = std::make_unique<share::ShareSession>(lab);
    m_settings.emplace(m_watcher.path());
    Q_EMIT labOpened(m_watcher.path());
    m_openedToAnyone.clear();
    m_awaitingGate.clear();
    m_awaitingLocalConsent.clear();
    if (m_gate.state() == DesktopGate::State::Ready)
        m_session->setGate(m_gate.fingerprint());
    const bool namesPeople = std::any_of(lab.nodes.cbegin(), lab.nodes.cend(), [](const topology::Node& node) {
        return std::any_of(node.publish.cbegin(), node.publish.cend(),
                           [](const topology::PublishSpec& spec) { return !spec.isOpen(); });
    });
    if (namesPeople)
        m_gate.prepare(); // the key and the provider's answer take a moment: ask now, before anything is ticked
    m_model.setTopology(lab);
    m_session->allowLocalTargets(m_settings->allowedLocalTargets());
    const QHash<QString, QString> addresses = m_settings->addressOverrides();
    for (auto it = addresses.cbegin(); it != addresses.cend(); ++it) {
        m_session->setTargetOverride(it.key(), it.value());
        m_model.setAddressOverride(it.key(), it.value());
    }
    connect(m_session.get(), &share::ShareSession::tickedChanged, this, [this] {
        showTicks();
        m_settings->setTicked(m_session->tickedNames());
        Q_EMIT sharesChanged();
    });
    connect(m_session.get(), &share::ShareSession::shareChanged, this, [this](const share::ShareRow& row) {
        m_model.setShareState(row.name, row.health.state);
        if (row.health.target != tunnel::Reachability::Unknown)
            m_model.setReachability(row.node, row.health.target);
        Q_EMIT sharesChanged();
    });
    connect(m_session.get(), &share::ShareSession::healthUpdated, this, &LabController::sharesChanged);
    m_window.showLab(lab.name, QFileInfo(lab.file).fileName());
    m_window.setAutoPublish(m_settings->autoPublish());
    const QString relay = m_settings->relayUrl().isEmpty() ? RelayController::lanUrl() : m_settings->relayUrl();
    m_relayProblem.clear();
    if (const Result<bool> used = m_relays.use(relay); !used) { // e.g. a LAN address this machine had at home
        m_relayProblem = tr("This lab's relay %1 cannot be used here: %2 Sharing on the LAN instead.")
                             .arg(RelayController::displayName(relay), used.error().message);
        (void)m_relays.use(RelayController::lanUrl()); // plain lan:// always can be
    }
    Q_EMIT sharesChanged(); // the last lab's shares are gone from every view
}

void LabController::offerLastShares(bool problemShown) {
    const QStringList before = m_settings->ticked();
    if (before.isEmpty())
        return;
    const quint64 generation = m_generation;
    const auto republish = [this, before, generation] {
        if (generation != m_generation)
            return;
        m_window.clearBanner();
        publishNamed(before); // what was shared last time
    };
    if (m_settings->autoPublish())
        republish();
    else if (!problemShown) // the problem comes first; the tree still shows what to tick
        m_window.showBanner(tr("Last time you shared %n port(s) of this lab.", nullptr, before.size()), false,
                            tr("Share them again"), republish);
}

void LabController::publishNamed(const QStringList& names) {
    if (!m_session)
        return;
    // An entry for named people goes through the gate, or is asked about again.
    for (const topology::Node& node : m_session->topology().nodes)
        for (const topology::PublishSpec& spec : node.publish)
            if (names.contains(share::shareName(node.name, spec)))
                publish(node.name, spec);
}

void LabController::endShares(const QStringList& names) {
    if (m_stopped || !m_session)
        return;
    const QStringList remembered = m_settings->ticked();
    for (const QString& name : names)
        m_session->unpublish(name);
    QStringList ticked = m_session->tickedNames();
    for (const QString& name : remembered)
        if (names.contains(name) && !ticked.contains(name))
            ticked << name;
    m_settings->setTicked(ticked);
}

bool LabController::showProblems(const topology::Topology& lab, bool reload) {
    QStringList lines;
    for (const topology::Problem& p : lab.problems)
        if (p.severity == topology::Severity::Error)
            lines << p.toString().toHtmlEscaped();
    if (!lines.isEmpty()) {
        m_window.showBanner(
            tr("<b>%n problem(s) in the lab file</b> — the rest of the lab is loaded:<br>", nullptr, lines.size()) +
                lines.mid(0, 5).join(QStringLiteral("<br>")),
            true);
        return true;
    }
    if (!reload && !m_relayProblem.isEmpty()) {
        m_window.showBanner(m_relayProblem.toHtmlEscaped(), true);
        return true;
    }
    if (reload)
        m_window.showBanner(tr("Reloaded %1; what was ticked stays ticked.").arg(QFileInfo(lab.file).fileName()),
                            false);
    else
        m_window.clearBanner();
    return false;
}

void LabController::publish(const QString& node, const topology::PublishSpec& spec) {
    if (m_stopped || !m_session)
        return; // an answer that came in while quitting
    if (!spec.isOpen() && !m_openedToAnyone.contains(share::shareName(node, spec))) {
        switch (m_gate.state()) {
        case DesktopGate::State::Ready:
            break; // the session publishes it gated
        case DesktopGate::State::Failed:
            askToOpen(node, spec);
            return;
        case DesktopGate::State::Unprepared:
        case DesktopGate::State::Preparing:
            m_awaitingGate.append({node, spec});
            m_window.statusBar()->showMessage(
                tr("Getting LabShare's gate ready for %1…").arg(share::shareName(node, spec)), 5000);
            m_gate.prepare();
            return;
        }
    }
    const Result<QString> published = m_session->publish(node, spec);
    if (published) {
        m_window.clearErrorBanner(); // an earlier failure is history now
        return;
    }
    showTicks();
    if (published.error().code == ErrorCode::LocalTarget)
        askToPublishLocal(node, spec);
    else if (published.error().code == ErrorCode::NoAddress)
        m_window.showBanner(published.error().message + tr(". Type the address LabShare reaches it at."), true,
                            tr("Set address…"), [this, node] { editAddress(node); });
    else
        m_window.showBanner(published.error().message, true);
}

// Without a gate, an entry for named people is published only open to anyone, and only when the user says so.
void LabController::askToOpen(const QString& node, const topology::PublishSpec& spec) {
    const QString name = share::shareName(node, spec);
    const quint64 generation = m_generation;
    ui::ask(&m_window, ShareQuestions::openToAnyone(name, spec.allowed, m_gate.problem()),
            [this, generation, node, spec, name](bool yes) {
                if (generation != m_generation)
                    return;
                if (!yes) {
                    showTicks(); // the check box goes back
                    return;
                }
                m_openedToAnyone.insert(name);
                publish(node, spec);
            });
}

void LabController::askToPublishLocal(const QString& node, const topology::PublishSpec& spec) {
    m_awaitingLocalConsent.append({node, spec});
    if (m_awaitingLocalConsent.size() > 1)
        return; // the question is open already
    const QList<share::LocalTarget> targets = m_session->localTargets();
    const quint64 generation = m_generation;
    Q_EMIT windowNeeded();
    ui::ask(&m_window, ShareQuestions::publishLocalTargets(targets, QFileInfo(m_watcher.path()).fileName()),
            [this, generation, targets](bool yes) {
                if (generation != m_generation)
                    return;
                const auto waiting = std::exchange(m_awaitingLocalConsent, {});
                if (!yes)
                    return;
                m_session->allowLocalTargets(targets);
                m_settings->allowLocalTargets(targets);
                for (const auto& [waitingNode, waitingSpec] : waiting)
                    publish(waitingNode, waitingSpec);
            });
}

void LabController::askToMove(const QList<share::ShareSession::MovedTarget>& moved) {
    const quint64 generation = m_generation;
    Q_EMIT windowNeeded();
    ui::ask(&m_window, ShareQuestions::moveTargets(moved), [this, generation, moved](bool yes) {
        if (!yes || generation != m_generation)
            return;
        for (const share::ShareSession::MovedTarget& m : moved)
            if (const share::ShareRow* row = m_session->row(m.row.name); row && row->target == m.row.target)
                publish(row->node, row->spec); // the same public port, to the node's new address
    });
}

void LabController::onGateStateChanged() {
    const DesktopGate::State state = m_gate.state();
    if (state == DesktopGate::State::Preparing || state == DesktopGate::State::Unprepared)
        return;
    if (m_session)
        m_session->setGate(state == DesktopGate::State::Ready ? m_gate.fingerprint() : QString());
    const auto waiting = std::exchange(m_awaitingGate, {});
    if (state == DesktopGate::State::Ready) {
        for (const auto& [node, spec] : waiting)
            publish(node, spec);
        return;
    }
    if (waiting.isEmpty() || !m_session)
        return;
    showTicks(); // what waited for the gate is not published
    m_window.showBanner(tr("%n share(s) for named people not published: LabShare's gate cannot check who connects, "
                           "because %1. Tick one to publish it open to anyone instead.",
                           nullptr, waiting.size())
                            .arg(m_gate.problem().toHtmlEscaped()),
                        true);
}

void LabController::editAddress(const QString& node) {
    const QModelIndex cell = m_model.nodeIndex(node, ui::TopologyModel::AddressColumn);
    if (!cell.isValid())
        return;
    m_window.clearBanner();
    m_window.topologyView()->scrollTo(cell);
    m_window.topologyView()->setCurrentIndex(cell);
    m_window.topologyView()->edit(cell);
}

void LabController::onUnpublishRequested(const QString& name) {
    if (m_stopped)
        return;
    const share::ShareRow* row = m_session ? m_session->row(name) : nullptr;
    if (!row)
        return;
    const share::ShareRow stopped = *row;
    m_session->unpublish(name);
    // Unticking is deliberate, so it stops at once; the undo brings the same address back (the relay
    // is asked for the port the share had).
    const quint64 generation = m_generation;
    const QString address = share::ShareCommands::hostPort(stopped);
    m_window.showBanner(address.isEmpty() ? tr("Stopped %1.").arg(name)
                                          : tr("Stopped %1: students can no longer reach %2.").arg(name, address),
                        false, tr("Undo"), [this, generation, stopped] {
                            m_window.clearBanner();
                            if (generation == m_generation)
                                publish(stopped.node, stopped.spec);
                        });
    m_window.expireBanner(kUndoMs);
}

void LabController::askToStop(const QStringList& names) {
    const QList<share::ShareRow> rows = rowsNamed(names);
    if (rows.isEmpty())
        return;
    Q_EMIT windowNeeded(); // from the tray: the question needs the window
    const quint64 generation = m_generation;
    const ui::Question question =
        rows.size() == 1 ? ShareQuestions::stopOne(rows.constFirst()) : ShareQuestions::stopAll(rows);
    ui::ask(&m_window, question, [this, generation, names](bool yes) {
        if (generation != m_generation || !m_session || m_stopped)
            return;
        if (yes)
            for (const QString& name : names)
                m_session->unpublish(name);
        else
            Q_EMIT sharesChanged(); // a tray entry unticked to ask is ticked again
    });
}

void LabController::askToStopAll() {
    if (m_session)
        askToStop(m_session->tickedNames());
}

QList<share::ShareRow> LabController::rowsNamed(const QStringList& names) const {
    QList<share::ShareRow> out;
    if (m_session)
        for (const QString& name : names)
            if (const share::ShareRow* r = m_session->row(name))
                out << *r;
    return out;
}

void LabController::showTicks() {
    const QStringList names = m_session->tickedNames();
    QSet<QString> gated;
    for (const share::ShareRow& row : m_session->rows())
        if (row.isGated())
            gated.insert(row.name);
    m_model.setTicked(QSet<QString>(names.cbegin(), names.cend()), gated);
}

void LabController::publishDeclared() {
    if (!m_session)
        return;
    const bool gated = m_gate.state() != DesktopGate::State::Failed; // ready, or soon: no question
    QList<QPair<QString, QStringList>> restricted;
    for (const topology::Node& node : m_session->topology().nodes)
        for (const topology::PublishSpec& spec : node.publish) {
            const QString name = share::shareName(node.name, spec);
            if (!gated && !spec.isOpen() && !m_session->isTicked(name) && !m_openedToAnyone.contains(name))
                restricted.append({name, spec.allowed});
        }
    const quint64 generation = m_generation;
    const auto publishAll = [this, generation, gated] {
        if (generation != m_generation)
            return;
        for (const topology::Node& node : m_session->topology().nodes)
            for (const topology::PublishSpec& spec : node.publish) {
                const QString name = share::shareName(node.name, spec);
                if (!m_session->isTicked(name) && (gated || spec.isOpen() || m_openedToAnyone.contains(name)))
                    publish(node.name, spec);
            }
    };
    if (restricted.isEmpty()) {
        publishAll();
        return;
    }
    // No gate: one question for every restricted entry, not one per node.
    auto* dialog = new ui::OpenAnywayDialog(restricted, m_gate.problem(), &m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog, generation, publishAll] {
        if (generation != m_generation)
            return;
        const QStringList chosen = dialog->chosen();
        m_openedToAnyone.unite(QSet<QString>(chosen.cbegin(), chosen.cend()));
        publishAll();
    });
    dialog->open();
}

QString LabController::loginUser(const share::ShareRow& row) const {
    const QString chosen = m_settings ? m_settings->loginUser(row.node) : QString();
    return chosen.isEmpty() ? topology::defaultLoginUser(row.kind) : chosen;
}

} // namespace labshare::app
