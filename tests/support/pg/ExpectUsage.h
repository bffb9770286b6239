#pragma once

#include "pg/PgError.h"

#include <QString>
#include <QTest>

#include <functional>

// Checks that call refuses with a usage error (PgError::Kind::Usage, nothing sent to a server)
// whose message contains part.
inline void expectUsage(const std::function<void()>& call, const QString& part)
{
    try {
        call();
    } catch (const PgError& e) {
        QCOMPARE(e.kind(), PgError::Kind::Usage);
        QVERIFY2(e.message().contains(part), qPrintable(e.message()));
        return;
    }
    QFAIL(qPrintable(QStringLiteral("no error; expected a usage error with \"%1\"").arg(part)));
}
