#include "ForeignFleet.h"
#include "TenantctlProcess.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

// tenantctl adopt as a script runs it: the scan as JSON, --plan writing nothing, apply, and the
// exit codes of bad usage (2) and of bad input the server reveals (1, nothing written).
class TestAdoptCli : public QObject {
    Q_OBJECT

private slots:
    void scanPlanApply()
    {
        ForeignFleet f(QStringLiteral("cli"));
        f.run(f.database(),
              QStringLiteral("CREATE TABLE public.customers (id serial PRIMARY KEY, tenant_name text UNIQUE, name "
                             "text);\nINSERT INTO public.customers (tenant_name, name) VALUES ('east', 'East "
                             "Corp');\nCREATE SCHEMA east;"),
              true);
        f.grantAppTables();
        const QStringList shard{QStringLiteral("--shard"), f.shard()};

        const TenantctlProcess usage = TenantctlProcess::run({QStringLiteral("adopt"), QStringLiteral("scan")});
        QCOMPARE(usage.exitCode, 2);
        QVERIFY2(usage.errText().contains(QStringLiteral("--shard")), qPrintable(usage.errText()));
        QCOMPARE(TenantctlProcess::run(QStringList{QStringLiteral("adopt"), QStringLiteral("scan"),
                                                   QStringLiteral("--layout"), QStringLiteral("rails")}
                                       + shard)
                     .exitCode,
                 2);

        const TenantctlProcess missing = TenantctlProcess::run(
            QStringList{QStringLiteral("adopt"), QStringLiteral("apply"), QStringLiteral("--tenant-table"),
                        QStringLiteral("public.gone")}
            + shard);
        QCOMPARE(missing.exitCode, 1);
        QVERIFY2(missing.errText().contains(QStringLiteral("public.gone does not exist")),
                 qPrintable(missing.errText()));
        QCOMPARE(ForeignFleet::catalogTenantCount(f.shard()), 0);

        const TenantctlProcess scan = TenantctlProcess::run(
            QStringList{QStringLiteral("adopt"), QStringLiteral("scan"), QStringLiteral("--json")} + shard);
        QCOMPARE(scan.exitCode, 0);
        const QJsonObject o = QJsonDocument::fromJson(scan.out).object();
        QCOMPARE(o.value(QStringLiteral("layout")).toString(), QStringLiteral("apartment"));
        // What the application lists; the server may also hold other tests' databases, offered unlisted.
        QJsonArray candidates;
        for (const QJsonValue& candidate : o.value(QStringLiteral("candidates")).toArray()) {
            if (candidate.toObject().value(QStringLiteral("listed")).toBool())
                candidates.append(candidate);
        }
        QCOMPARE(candidates.size(), 1);
        const QString slug = candidates.first().toObject().value(QStringLiteral("slug")).toString();
        QCOMPARE(candidates.first().toObject().value(QStringLiteral("object")).toString(), QStringLiteral("east"));

        const TenantctlProcess plan = TenantctlProcess::run(
            QStringList{QStringLiteral("adopt"), QStringLiteral("apply"), QStringLiteral("--plan")} + shard);
        QCOMPARE(plan.exitCode, 0);
        QVERIFY(plan.outText().contains(QStringLiteral("register ") + slug));
        QCOMPARE(ForeignFleet::catalogTenantCount(f.shard()), 0);

        const TenantctlProcess unknown = TenantctlProcess::run(
            QStringList{QStringLiteral("adopt"), QStringLiteral("apply"), QStringLiteral("--only"),
                        QStringLiteral("nope")}
            + shard);
        QCOMPARE(unknown.exitCode, 1);
        QCOMPARE(ForeignFleet::catalogTenantCount(f.shard()), 0);

        const TenantctlProcess apply = TenantctlProcess::run(
            QStringList{QStringLiteral("adopt"), QStringLiteral("apply"), QStringLiteral("--only"), slug} + shard);
        QCOMPARE(apply.exitCode, 0);
        QCOMPARE(ForeignFleet::catalogObject(slug), QStringLiteral("schema:east"));
    }
};

QTEST_GUILESS_MAIN(TestAdoptCli)
#include "TestAdoptCli.moc"
