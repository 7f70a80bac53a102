// SPDX-License-Identifier: GPL-3.0-or-later
#include "secrets/SecretStore.h"

namespace labshare::secrets {

SecretStore::~SecretStore() = default;

} // namespace labshare::secrets
