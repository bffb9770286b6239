#include "TenantctlProcess.h"

#include <QTest>

// tenantctl's commands made of actions answer --help, -h and help with the actions they have,
// and an action's own options never make Qt complain on stderr.
class TestCliHelp : public QObject {
    Q_OBJECT

private slots:
    void commandsListTheirActions_data()
    {
        QTest::addColumn<QString>("command");
        QTest::addColumn<QStringList>("actions");
        QTest::newRow("tenants") << QStringLiteral(
            "tenants") << QStringList{QStringLiteral("list"),    QStringLiteral("create"), QStringLiteral("suspend"),
                                      QStringLiteral("resume"),  QStringLiteral("edit"),   QStringLiteral("archive"),
                                      QStringLiteral("delete"),  QStringLiteral("batch"),  QStringLiteral("upgrade"),
                                      QStringLiteral("versions")};
        QTest::newRow("shards") << QStringLiteral("shards")
                                << QStringList{QStringLiteral("list"),          QStringLiteral("add"),
                                               QStringLiteral("edit"),          QStringLiteral("drain"),
                                               QStringLiteral("retire"),        QStringLiteral("endpoint-add"),
                                               QStringLiteral("endpoint-edit"), QStringLiteral("check"),
                                               QStringLiteral("prepare")};
        QTest::newRow("templates") << QStringLiteral("templates")
                                   << QStringList{QStringLiteral("list"), QStringLiteral("add"),
                                                  QStringLiteral("import"), QStringLiteral("diff")};
    }

    void commandsListTheirActions()
    {
        QFETCH(QString, command);
        QFETCH(QStringList, actions);
        for (const QString& ask : {QStringLiteral("--help"), QStringLiteral("-h"), QStringLiteral("help")}) {
            const TenantctlProcess r = TenantctlProcess::runWithoutCatalog({command, ask});
            QVERIFY2(r.exitCode == 0, qPrintable(command + u' ' + ask + QStringLiteral(": ") + r.errText()));
            for (const QString& action : actions)
                QVERIFY2(r.outText().contains(action),
                         qPrintable(command + u' ' + ask + QStringLiteral(": ") + r.outText()));
        }
        const TenantctlProcess none = TenantctlProcess::runWithoutCatalog({command});
        QCOMPARE(none.exitCode, 2);
        QVERIFY2(none.errText().contains(QStringLiteral("expected an action: ")), none.err.constData());
    }

    void anActionsOptionsAreQuiet()
    {
        // Fails to connect (no such socket directory), after the options were read.
        const TenantctlProcess add = TenantctlProcess::runWithoutCatalog(
            {QStringLiteral("shards"), QStringLiteral("add"), QStringLiteral("quiet-shard"),
             QStringLiteral("--capacity"), QStringLiteral("5"), QStringLiteral("--catalog"),
             QStringLiteral("host=/nonexistent/tenantdesk connect_timeout=2")});
        QCOMPARE(add.exitCode, 1);
        QVERIFY2(!add.errText().contains(QStringLiteral("QCommandLineParser")), add.err.constData());
    }
};

QTEST_GUILESS_MAIN(TestCliHelp)
#include "TestCliHelp.moc"
