// SPDX-License-Identifier: GPL-3.0-or-later
#include "share/ShareAccess.h"

namespace labshare::share {

ShareAccess ShareAccess::of(const topology::PublishSpec& spec, bool gated) {
    ShareAccess access;
    access.m_kind = spec.isOpen() ? Kind::Open : gated ? Kind::Gated : Kind::OpenDespiteList;
    access.m_labAsksFor = spec.allowed;
    return access;
}

QString ShareAccess::text() const {
    switch (m_kind) {
    case Kind::Open:
        return tr("anyone");
    case Kind::OpenDespiteList:
        return tr("anyone (the lab asks for %1)").arg(m_labAsksFor.join(QStringLiteral(", ")));
    case Kind::Gated:
        return tr("only %1 (signed in)").arg(m_labAsksFor.join(QStringLiteral(", ")));
    }
    return {};
}

QString ShareAccess::whoKey() const {
    switch (m_kind) {
    case Kind::Open:
    case Kind::OpenDespiteList:
        return QStringLiteral("anyone");
    case Kind::Gated:
        return QStringLiteral("listed");
    }
    return {};
}

} // namespace labshare::share
