// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

namespace labshare::app {

// What every verb and the window do first, once the application object exists.

// Names settings, data folders and the keychain service after the one app id (GUI and CLI alike).
void applyApplicationIdentity();

// Loads LabShare's messages in the user's language (translations/labshare_LANG.ts, compiled in under
// ":/i18n") and Qt's own, where there are such; English, the source language, needs none. Call it before
// anything is worded.
void installTranslations();

} // namespace labshare::app
