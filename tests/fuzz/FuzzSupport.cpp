// SPDX-License-Identifier: GPL-3.0-or-later
// Linked into every fuzz target: Qt's warnings about the hostile input are expected and would drown
// libFuzzer's output, so they are dropped; a fatal message still aborts.
#include <QtGlobal>

#include <cstdint>

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    qInstallMessageHandler([](QtMsgType, const QMessageLogContext&, const QString&) {});
    return 0;
}
