// SPDX-License-Identifier: GPL-3.0-or-later
#include "share/CandidatePorts.h"

#include "topology/KindAliases.h"

#include <QCoreApplication>

#include <algorithm>
#include <cstddef>

namespace labshare::share {

using topology::PublishSpec;
using topology::PublishType;

namespace {

// Gives this file's messages their tr() and translation context.
class CandidatePorts {
    Q_DECLARE_TR_FUNCTIONS(labshare::share::CandidatePorts)
};

struct KnownPort {
    PublishType type;
    quint16 port;
    const char* label;
};

const KnownPort kSrLinux[] = {{PublishType::Tcp, 22, "SSH"},
                              {PublishType::Tls, 57400, "gNMI"},
                              {PublishType::Tcp, 830, "NETCONF"},
                              {PublishType::Https, 443, "JSON-RPC"}};
const KnownPort kCeos[] = {
    {PublishType::Tcp, 22, "SSH"}, {PublishType::Tls, 6030, "gNMI"}, {PublishType::Https, 443, "eAPI"}};
const KnownPort kSros[] = {
    {PublishType::Tcp, 22, "SSH"}, {PublishType::Tls, 57400, "gNMI"}, {PublishType::Tcp, 830, "NETCONF"}};
const KnownPort kLinux[] = {{PublishType::Tcp, 22, "SSH"}};
const KnownPort kGrafana[] = {{PublishType::Http, 3000, "HTTP"}};
const KnownPort kPrometheus[] = {{PublishType::Http, 9090, "HTTP"}};

// Names by port alone, for entries on kinds LabShare knows nothing about.
const KnownPort kByPort[] = {{PublishType::Tcp, 22, "SSH"},
                             {PublishType::Tcp, 830, "NETCONF"},
                             {PublishType::Tls, 57400, "gNMI"},
                             {PublishType::Tls, 6030, "gNMI"},
                             {PublishType::Tls, 9339, "gNMI"}};

// "grafana/grafana:10.4.2" -> "grafana"; "localhost:5000/prom/prometheus@sha256:…" -> "prometheus".
QString imageBaseName(const QString& image) {
    QString base = image.mid(image.lastIndexOf(QLatin1Char('/')) + 1);
    const auto cut = std::find_if(base.cbegin(), base.cend(),
                                  [](QChar c) { return c == QLatin1Char(':') || c == QLatin1Char('@'); });
    base.truncate(cut - base.cbegin());
    return base.toLower();
}

template <std::size_t N> QList<CandidatePort> toCandidates(const KnownPort (&ports)[N]) {
    QList<CandidatePort> out;
    for (const KnownPort& known : ports) {
        CandidatePort candidate;
        candidate.spec.type = known.type;
        candidate.spec.port = known.port;
        candidate.spec.text = topology::publishTypeName(known.type) + QLatin1Char('/') + QString::number(known.port);
        candidate.label = QString::fromLatin1(known.label);
        candidate.origin = CandidateOrigin::WellKnown;
        out << candidate;
    }
    return out;
}

bool samePort(const PublishSpec& a, const PublishSpec& b) {
    return a.type == b.type && a.port == b.port;
}

bool contains(const QList<CandidatePort>& list, const PublishSpec& spec) {
    return std::any_of(list.cbegin(), list.cend(), [&](const CandidatePort& c) { return samePort(c.spec, spec); });
}

} // namespace

QList<CandidatePort> wellKnownPorts(const QString& kind, const QString& image) {
    const QString base = imageBaseName(image);
    if (base.startsWith(QLatin1String("grafana")))
        return toCandidates(kGrafana);
    if (base.startsWith(QLatin1String("prometheus")))
        return toCandidates(kPrometheus);

    const QString canonical = topology::canonicalKind(kind);
    if (canonical == QLatin1String("nokia_srlinux"))
        return toCandidates(kSrLinux);
    if (canonical == QLatin1String("arista_ceos"))
        return toCandidates(kCeos);
    if (canonical == QLatin1String("nokia_sros") || canonical == QLatin1String("nokia_srsim"))
        return toCandidates(kSros);
    if (canonical == QLatin1String("linux"))
        return toCandidates(kLinux);
    return {};
}

QString portLabel(const QString& kind, const QString& image, const PublishSpec& spec) {
    if (spec.type == PublishType::Term)
        return browserTerminalLabel();
    for (const CandidatePort& known : wellKnownPorts(kind, image))
        if (samePort(known.spec, spec))
            return known.label;
    for (const KnownPort& known : kByPort)
        if (known.type == spec.type && known.port == spec.port)
            return QString::fromLatin1(known.label);
    return topology::publishTypeName(spec.type).toUpper();
}

QList<CandidatePort> candidatePorts(const topology::Node& node, const QList<PublishSpec>& userAdded) {
    if (topology::isContainerlessKind(topology::canonicalKind(node.kind)))
        return {};

    QList<CandidatePort> out;
    for (const PublishSpec& spec : node.publish) {
        if (contains(out, spec))
            continue;
        out << CandidatePort{spec, portLabel(node.kind, node.image, spec), CandidateOrigin::Declared};
    }
    for (const CandidatePort& known : wellKnownPorts(node.kind, node.image))
        if (!contains(out, known.spec))
            out << known;
    for (const PublishSpec& spec : userAdded) {
        if (contains(out, spec))
            continue;
        out << CandidatePort{spec, portLabel(node.kind, node.image, spec), CandidateOrigin::UserAdded};
    }
    // Every SSH server is also a browser terminal, last so the list above keeps its order. It keeps the SSH
    // entry's allowed list: whoever may ssh in may use the terminal.
    const QList<CandidatePort> listed = out;
    for (const CandidatePort& c : listed) {
        if (c.spec.type != PublishType::Tcp || c.label != QLatin1String("SSH"))
            continue;
        PublishSpec term = c.spec;
        term.type = PublishType::Term;
        term.text = topology::publishTypeName(term.type) + QLatin1Char('/') + QString::number(term.port);
        if (!term.allowed.isEmpty())
            term.text += QLatin1Char('/') + term.allowed.join(QLatin1Char(','));
        if (!contains(out, term))
            out << CandidatePort{term, browserTerminalLabel(), CandidateOrigin::WellKnown};
    }
    return out;
}

QString browserTerminalLabel() {
    return CandidatePorts::tr("Browser terminal");
}

QString candidateOriginName(CandidateOrigin origin) {
    switch (origin) {
    case CandidateOrigin::Declared:
        return CandidatePorts::tr("declared in the lab");
    case CandidateOrigin::WellKnown:
        return CandidatePorts::tr("well-known port");
    case CandidateOrigin::UserAdded:
        return CandidatePorts::tr("added by you");
    }
    return {};
}

} // namespace labshare::share
