// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace labshare::app {

// The desktop app's composition root: builds the window and wires the services it needs.
int runGui(int& argc, char** argv, const QString& file);

// Names settings, data folders and the keychain service after the one app id (GUI and CLI alike).
void applyApplicationIdentity();

// Loads LabShare's messages in the user's language (translations/labshare_LANG.ts, compiled in under
// ":/i18n") and Qt's own, where there are such; English, the source language, needs none. Call it once the
// QCoreApplication or QApplication exists and before anything is worded.
void installTranslations();

} // namespace labshare::app
