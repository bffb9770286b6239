#pragma once

#include "base/InputError.h"

#include <QString>
#include <QTest>

#include <functional>

// Checks that call refuses its input (an InputError: nothing sent to a server) with a text that
// contains part.
inline void expectInputError(const std::function<void()>& call, const QString& part)
{
    try {
        call();
    } catch (const InputError& e) {
        QVERIFY2(e.text().contains(part), qPrintable(e.text()));
        return;
    }
    QFAIL(qPrintable(QStringLiteral("no error; expected refused input with \"%1\"").arg(part)));
}
