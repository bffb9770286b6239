#include "ProvisionTestKit.h"
#include "TestFleet.h"
#include "lifecycle/TenantLifecycle.h"
#include "provision/BatchCsv.h"
#include "provision/BatchProvisioner.h"
#include "provision/ManagedTenants.h"

#include <QTest>

using namespace ProvisionTestKit;

// Batches of tenants from CSV against the shared sandbox: per-row results, bad lines that fail
// alone, shards worked in parallel, cancel and resume.
class TestBatchProvision : public QObject {
    Q_OBJECT

    QString m_prefix = uniqueSlug(QStringLiteral("batch"));
    QStringList m_slugs;

    // count tenants named <prefix>-<n>, every model, on shard-2 or placed automatically.
    QByteArray csv(int count)
    {
        QByteArray text = "slug,name,model,shard,template,version,domains\n";
        const char* models[] = {"schema", "database", "shared"};
        for (int i = 0; i < count; ++i) {
            const QString slug = QStringLiteral("%1-%2").arg(m_prefix).arg(i);
            if (!m_slugs.contains(slug))
                m_slugs.append(slug);
            text += QStringLiteral("%1,\"Batch, tenant %2\",%3,%4,store,,%1.batch.example.com\n")
                        .arg(slug)
                        .arg(i)
                        .arg(QLatin1String(models[i % 3]), i % 2 ? QStringLiteral("shard-2") : QStringLiteral("auto"))
                        .toUtf8();
        }
        return text;
    }

    static int count(const QList<BatchRow>& rows, JobState state)
    {
        return int(std::count_if(rows.begin(), rows.end(), [&](const BatchRow& r) { return r.state == state; }));
    }

private slots:
    void cleanupTestCase() { removeTenants(m_slugs); }

    void badLinesFailAloneTheRestIsCreated()
    {
        QByteArray text = csv(9);
        text += "Bad Slug,Bad,schema,,store,,\n";                 // refused before anything is sent
        text += m_prefix.toUtf8() + "-0,Twice,schema,,store,,\n"; // listed twice
        text += "x-y,Model,tables,,store,,\n";                    // no such model
        text += "only,three,fields\n";
        QList<BatchRow> rows = BatchCsv::parse(text);
        QCOMPARE(rows.size(), 13);
        QList<int> reported;
        BatchProvisioner(TestFleet::catalogParams().withSafeDefaults())
            .run(
                rows, [&](int i, const BatchRow&) { reported << i; }, CancelToken());
        QCOMPARE(count(rows, JobState::Done), 9);
        QCOMPARE(count(rows, JobState::Failed), 4);
        QVERIFY(rows[9].message.contains(QLatin1String("upper-case")));
        QVERIFY(rows[10].message.contains(QLatin1String("listed already, on line 2")));
        QVERIFY(rows[11].message.contains(QLatin1String("not schema, database or shared")));
        QVERIFY(rows[12].message.contains(QLatin1String("needs 7")));
        QVERIFY(reported.size() >= 9 * 2 + 4); // running and created for each tenant, failed for each bad line

        PgConnection catalog;
        catalog.open(TestFleet::catalogParams().withSafeDefaults());
        for (int i = 0; i < 9; ++i) {
            const ManagedTenant t = ManagedTenants::get(catalog, m_slugs[i]);
            QVERIFY(t.state == TenantState::Active);
            QCOMPARE(t.displayName, QStringLiteral("Batch, tenant %1").arg(i));
            if (i % 2)
                QCOMPARE(t.shard.name, QStringLiteral("shard-2"));
        }

        // Running the same file again creates nothing: every tenant is there already.
        QList<BatchRow> again = BatchCsv::parse(csv(9));
        BatchProvisioner(TestFleet::catalogParams().withSafeDefaults()).run(again, {}, CancelToken());
        QCOMPARE(count(again, JobState::Skipped), 9);
    }

    void cancelThenResume()
    {
        m_prefix = uniqueSlug(QStringLiteral("resume"));
        QList<BatchRow> rows = BatchCsv::parse(csv(12));
        CancelToken cancel;
        int created = 0;
        BatchProvisioner(TestFleet::catalogParams().withSafeDefaults(), 2)
            .run(
                rows,
                [&](int, const BatchRow& row) {
                    if (row.state == JobState::Done && ++created == 3)
                        cancel.cancel();
                },
                cancel);
        const int firstRun = count(rows, JobState::Done);
        QVERIFY2(firstRun >= 3 && firstRun < 12, qPrintable(QString::number(firstRun)));
        QCOMPARE(count(rows, JobState::Pending), 12 - firstRun);

        // A failed tenant (say the shard refused it) is tried again on resume.
        PgConnection catalog;
        catalog.open(TestFleet::catalogParams().withSafeDefaults());
        const int pending = int(
            std::find_if(rows.begin(), rows.end(), [](const BatchRow& r) { return r.state == JobState::Pending; })
            - rows.begin());
        rows[pending].state = JobState::Failed;
        BatchProvisioner(TestFleet::catalogParams().withSafeDefaults(), 2).run(rows, {}, CancelToken());
        QCOMPARE(count(rows, JobState::Done), 12);
        for (const BatchRow& row : std::as_const(rows))
            QCOMPARE(catalogState(catalog, row.spec.slug), QStringLiteral("active"));
    }
};

QTEST_GUILESS_MAIN(TestBatchProvision)
#include "TestBatchProvision.moc"
