#include "ProvisionTestKit.h"
#include "TenantctlProcess.h"
#include "lifecycle/TenantArchiver.h"
#include "pg/PgInstallation.h"
#include "provision/TenantProvisioner.h"
#include "provision/TenantShardObjects.h"

#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace ProvisionTestKit;

// An archive is only as good as its restore: for every isolation model, a tenant with awkward
// values is archived by the real `tenantctl tenants archive`, deleted, and restored by exactly the
// command the archive documents (tenantctl prints it; a shared tenant's script also states it in
// its header), as a role that is not a superuser. Every table's rows must come back as they were.
class TestArchiveRestore : public QObject {
    Q_OBJECT

    PgConnection m_catalog;
    std::unique_ptr<ShardConnections> m_shards;
    QStringList m_created;
    const QStringList m_tables{QStringLiteral("customers"), QStringLiteral("items"), QStringLiteral("orders"),
                               QStringLiteral("order_lines")};
    // Ids far above what the shard's sequences have handed out, so that a restore that leaves a
    // sequence behind its rows shows.
    static constexpr qint64 HighId = 1000000000;

    // tenantdesk_admin on the tenant's database, acting as tenantdesk_owner with the tenant's key:
    // fn runs in that transaction.
    template <typename Fn>
    static auto asOwner(const ManagedTenant& t, Fn&& fn)
    {
        PgConnection c;
        c.open(TestFleet::shardParams(1, SandboxRoles::admin, t.dataDatabase()).withSafeDefaults());
        return c.transaction([&] {
            c.execScript(QStringLiteral("SET LOCAL ROLE ") + c.quoteIdentifier(SandboxRoles::owner));
            if (!t.tenantKey.isEmpty())
                c.exec(QStringLiteral("SELECT pg_catalog.set_config('app.tenant_id', $1, true)"), {t.tenantKey});
            return fn(c);
        });
    }

    QString table(PgConnection& c, const ManagedTenant& t, const QString& name) const
    {
        return c.quoteIdentifier(t.tableSchema()) + u'.' + c.quoteIdentifier(name);
    }

    // Rows whose text needs quoting in every way a script can get wrong.
    void fill(const ManagedTenant& t)
    {
        asOwner(t, [&](PgConnection& c) {
            const QString insert = QStringLiteral("INSERT INTO %1 (id, name, email, country) OVERRIDING SYSTEM VALUE "
                                                  "VALUES ($1, $2, $3, $4)")
                                       .arg(table(c, t, QStringLiteral("customers")));
            c.exec(insert, {HighId + 1, QStringLiteral("O'Brien; DROP TABLE x; --"), QStringLiteral("a@example.com"),
                            QStringLiteral("IE")});
            c.exec(insert, {HighId + 2, QStringLiteral("back\\slash \\. and\nnew line\ttab \\N"),
                            QStringLiteral("b@example.com"), QStringLiteral("SE")});
            c.exec(insert, {HighId + 3, QStringLiteral("Zoë «ünïcode» 漢字 $$ $q$ E'x'"),
                            QStringLiteral("c@example.com"), QStringLiteral("JP")});
            c.exec(QStringLiteral("INSERT INTO %1 (id, sku, title, description, price, attributes) OVERRIDING SYSTEM "
                                  "VALUE VALUES ($1, 'SKU-1', 'Lamp', $2, 12.50, $3::jsonb)")
                       .arg(table(c, t, QStringLiteral("items"))),
                   {HighId + 1, QStringLiteral("line one\r\nline two \"quoted\""),
                    QStringLiteral("{\"colour\": \"red\\\\blue\", \"tags\": [\"a'b\", null]}")});
            c.exec(QStringLiteral("INSERT INTO %1 (id, customer_id, status, placed_at, total) OVERRIDING SYSTEM VALUE "
                                  "VALUES ($1, $2, 'paid', '2024-02-29 23:59:59.123456+05:30', 25.00)")
                       .arg(table(c, t, QStringLiteral("orders"))),
                   {HighId + 1, HighId + 2});
            c.exec(QStringLiteral("INSERT INTO %1 (id, order_id, item_id, qty, unit_price) OVERRIDING SYSTEM VALUE "
                                  "VALUES ($1, $2, $3, 2, 12.50)")
                       .arg(table(c, t, QStringLiteral("order_lines"))),
                   {HighId + 1, HighId + 1, HighId + 1});
        });
    }

    // Every table's row count and the text of its rows, or empty when the tenant's tables are gone.
    QStringList snapshot(const ManagedTenant& t)
    {
        try {
            return asOwner(t, [&](PgConnection& c) {
                QStringList tables;
                for (const QString& name : m_tables) {
                    const PgResult r = c.exec(QStringLiteral("SELECT count(*), coalesce(string_agg(r::text, "
                                                             "E'\\n' ORDER BY r.id), '') FROM %1 r")
                                                  .arg(table(c, t, name)));
                    tables << QStringLiteral("%1: %2 rows\n%3").arg(name, r.text(0, 0), r.text(0, 1));
                }
                return tables;
            });
        } catch (const PgError& e) {
            return {}; // its schema or database is gone
        }
    }

    // The restore command tenantctl printed, run as it stands (the passfile supplies the password).
    static void restore(const QString& command)
    {
        QStringList words = QProcess::splitCommand(command);
        QVERIFY2(!words.isEmpty(), qPrintable(command));
        const QString program = PgInstallation::locate().programPath(words.takeFirst());
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        for (const QString& key : environment.keys()) {
            if (key.startsWith(QLatin1String("PG")))
                environment.remove(key);
        }
        environment.insert(QStringLiteral("PGPASSFILE"), TestFleet::passfile());
        QProcess p;
        p.setProcessEnvironment(environment);
        p.start(program, words);
        QVERIFY2(p.waitForFinished(120000), "the restore did not finish");
        QVERIFY2(p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0,
                 qPrintable(command + u'\n' + QString::fromUtf8(p.readAllStandardError())));
    }

private slots:
    void initTestCase() { openAdminFleet(m_catalog, m_shards); }

    void cleanupTestCase() { removeTenants(m_created); }

    void restoresByTheDocumentedCommand_data() { modelRows(); }

    void restoresByTheDocumentedCommand()
    {
        QFETCH(IsolationModel, model);
        const QString slug = uniqueSlug(QStringLiteral("restore"));
        m_created.append(slug);
        TenantProvisioner(m_catalog, *m_shards).provision(spec(slug, model));
        const ManagedTenant t = ManagedTenants::get(m_catalog, slug);
        fill(t);
        const QStringList before = snapshot(t);
        QCOMPARE(before.size(), m_tables.size());

        QTemporaryDir dir;
        const TenantctlProcess archived = TenantctlProcess::run(
            {QStringLiteral("tenants"), QStringLiteral("archive"), slug, QStringLiteral("--to"), dir.path()}, 120000);
        QVERIFY2(archived.exitCode == 0, qPrintable(archived.errText()));
        const QString archivedOut = archived.outText();
        const QString prefix = QStringLiteral("Restore with: ");
        QString command;
        for (const QString& line : archivedOut.split(u'\n')) {
            if (line.startsWith(prefix))
                command = line.mid(prefix.size());
        }
        QVERIFY2(!command.isEmpty(), qPrintable(QStringLiteral("no restore command in: ") + archivedOut));
        if (model == IsolationModel::Shared) {
            const QStringList files = QDir(dir.path()).entryList({QStringLiteral("*.sql")});
            QCOMPARE(files.size(), 1);
            QFile script(dir.filePath(files.constFirst()));
            QVERIFY(script.open(QIODevice::ReadOnly));
            QVERIFY2(QString::fromUtf8(script.read(4096)).contains(QStringLiteral("--   ") + command),
                     "the script's header states the same command");
        }

        // Archive, then delete: the archive is all there is.
        TenantLifecycle(m_catalog, *m_shards).remove(slug, slug, 0, QStringLiteral("archived"));
        m_shards->closeAll();
        const QStringList gone = snapshot(t);
        QVERIFY(gone.isEmpty() || gone.join(QString()).count(QStringLiteral(": 0 rows")) == m_tables.size());

        restore(command);
        if (QTest::currentTestFailed())
            return;
        const QStringList after = snapshot(t);
        for (int i = 0; i < before.size(); ++i)
            QCOMPARE(after.value(i), before[i]);

        // The tenant's next row gets an id of its own; in the shared tables, whose sequences the
        // other tenants share, one after the restored rows'.
        const qint64 next = asOwner(t, [&](PgConnection& c) {
            return c
                .exec(QStringLiteral("INSERT INTO %1 (name, email, country) VALUES ('New', 'new@example.com', 'SE') "
                                     "RETURNING id")
                          .arg(table(c, t, QStringLiteral("customers"))))
                .text(0, 0)
                .toLongLong();
        });
        if (model == IsolationModel::Shared)
            QVERIFY2(next > HighId + 3, qPrintable(QString::number(next)));

        TenantShardObjects::drop(*m_shards, t); // what the restore made
    }
};

QTEST_GUILESS_MAIN(TestArchiveRestore)
#include "TestArchiveRestore.moc"
