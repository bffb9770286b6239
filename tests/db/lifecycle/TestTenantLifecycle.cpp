#include "ProvisionTestKit.h"
#include "TestFleet.h"
#include "base/InputError.h"
#include "lifecycle/TenantLifecycle.h"
#include "pg/PgInstallation.h"
#include "provision/ManagedTenants.h"
#include "provision/TenantProvisioner.h"
#include "provision/TenantShardObjects.h"

#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace ProvisionTestKit;

// Suspend, resume, rename, domains, archive and delete of tenants of every model, in the shared
// sandbox, with what the application role can then do and what the audit log says.
class TestTenantLifecycle : public QObject {
    Q_OBJECT

    PgConnection m_catalog;
    std::unique_ptr<ShardConnections> m_shards;
    QStringList m_created;

    QString provision(IsolationModel model)
    {
        const QString slug = uniqueSlug(QStringLiteral("life"));
        m_created.append(slug);
        TenantProvisioner(m_catalog, *m_shards).provision(spec(slug, model));
        return slug;
    }

    // What the application sees of the tenant: the error text, or empty when it can read it.
    QString appReads(const ManagedTenant& t)
    {
        try {
            PgConnection app;
            app.open(TestFleet::appParams(1, t.dataDatabase()).withSafeDefaults());
            app.transaction([&] {
                app.exec(QStringLiteral("SELECT pg_catalog.set_config('search_path', $1, true)"),
                         {app.quoteIdentifier(t.tableSchema())});
                if (!t.tenantKey.isEmpty())
                    app.exec(QStringLiteral("SELECT pg_catalog.set_config('app.tenant_id', $1, true)"), {t.tenantKey});
                app.exec(
                    QStringLiteral("INSERT INTO customers (name, email, country) VALUES ('A', 'a@example.com', 'SE') "
                                   "ON CONFLICT DO NOTHING"));
                if (app.exec(QStringLiteral("SELECT count(*) FROM customers")).toInt(0, 0) != 1)
                    throw InputError(QStringLiteral("no rows visible"));
            });
        } catch (const Failure& e) {
            return e.message();
        }
        return {};
    }

    QString lastAudit(const QString& slug)
    {
        return m_catalog
            .exec(QStringLiteral("SELECT action FROM tenantdesk.audit_log WHERE slug = $1 ORDER BY id DESC LIMIT 1"),
                  {slug})
            .text(0, 0);
    }

private slots:
    void initTestCase() { openAdminFleet(m_catalog, m_shards); }

    void cleanupTestCase() { removeTenants(m_created); }

    void models_data() { modelRows(); }

    void suspendShutsTheApplicationOut_data() { models_data(); }
    void suspendShutsTheApplicationOut()
    {
        QFETCH(IsolationModel, model);
        const QString slug = provision(model);
        TenantLifecycle lifecycle(m_catalog, *m_shards);
        const ManagedTenant t = ManagedTenants::get(m_catalog, slug);
        QCOMPARE(appReads(t), QString());
        lifecycle.suspend(slug, QStringLiteral("unpaid invoice"));
        QCOMPARE(catalogState(m_catalog, slug), QStringLiteral("suspended"));
        QCOMPARE(lastAudit(slug), QStringLiteral("tenant.suspend"));
        QVERIFY(!TenantShardObjects::appAllowed(*m_shards, t));
        QVERIFY(!appReads(t).isEmpty());
        expectInputError([&] { lifecycle.suspend(slug); }, QStringLiteral("only an active tenant"));
        lifecycle.resume(slug);
        QCOMPARE(catalogState(m_catalog, slug), QStringLiteral("active"));
        QCOMPARE(lastAudit(slug), QStringLiteral("tenant.resume"));
        QCOMPARE(appReads(t), QString());
    }

    void renameAndDomains()
    {
        const QString slug = provision(IsolationModel::Schema);
        TenantLifecycle lifecycle(m_catalog, *m_shards);
        lifecycle.rename(slug, QStringLiteral("  Bob's Burgers & Co  "));
        QCOMPARE(ManagedTenants::get(m_catalog, slug).displayName, QStringLiteral("Bob's Burgers & Co"));
        QCOMPARE(lastAudit(slug), QStringLiteral("tenant.rename"));
        expectInputError([&] { lifecycle.rename(slug, QStringLiteral("Bad\u200bName")); },
                         QStringLiteral("invisible character"));
        lifecycle.setDomains(
            slug, {slug + QStringLiteral(".prov.example.com"), QStringLiteral("Portal.Example.com/") + slug + u'/'});
        QCOMPARE(m_catalog
                     .exec(QStringLiteral("SELECT slug FROM tenantdesk.resolve($1)"),
                           {QString(QStringLiteral("https://portal.example.com/") + slug + QStringLiteral("/orders"))})
                     .text(0, 0),
                 slug);
        QCOMPARE(lastAudit(slug), QStringLiteral("tenant.domains"));
        expectInputError([&] { lifecycle.setDomains(slug, {QStringLiteral("acme.example.com")}); },
                         QStringLiteral("routes to the tenant \"acme\""));
        lifecycle.setDomains(slug, {});
        QCOMPARE(m_catalog
                     .exec(QStringLiteral("SELECT count(*) FROM tenantdesk.domains d JOIN tenantdesk.tenants t "
                                          "ON t.id = d.tenant_id WHERE t.slug = $1"),
                           {slug})
                     .toInt(0, 0),
                 0);
    }

    void archiveDumpsThenShutsOut_data() { models_data(); }
    void archiveDumpsThenShutsOut()
    {
        QFETCH(IsolationModel, model);
        const QString slug = provision(model);
        const ManagedTenant t = ManagedTenants::get(m_catalog, slug);
        QCOMPARE(appReads(t), QString()); // one customer row to archive
        QTemporaryDir dir;
        const TenantArchiver::Result dump = TenantLifecycle(m_catalog, *m_shards)
                                                .archive(slug, dir.path(), OutputFile::Existing::Keep);
        QVERIFY(QFile::exists(dump.path));
        QVERIFY(dump.bytes > 0);
        QCOMPARE(catalogState(m_catalog, slug), QStringLiteral("archived"));
        QVERIFY(!TenantShardObjects::appAllowed(*m_shards, t));
        QFile file(dump.path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        if (model == IsolationModel::Shared) {
            const QString script = QString::fromUtf8(file.readAll());
            QVERIFY(script.contains(QStringLiteral("INSERT INTO \"shared\".\"customers\" (")));
            QVERIFY(script.contains(QStringLiteral("a@example.com")));
            QVERIFY(script.contains(t.tenantKey));
        } else {
            QCOMPARE(file.read(5), QByteArray("PGDMP"));
            QProcess restore;
            restore.start(PgInstallation::locate().programPath(QStringLiteral("pg_restore")),
                          {QStringLiteral("--list"), dump.path});
            QVERIFY(restore.waitForFinished(30000));
            QVERIFY(QString::fromUtf8(restore.readAllStandardOutput()).contains(QStringLiteral("TABLE DATA")));
        }
        // No password in pg_dump's arguments or environment: the passfile is in the conninfo.
        QVERIFY(!TestFleet::catalogParams().contains("password"));
        TenantLifecycle(m_catalog, *m_shards).resume(slug);
        QCOMPARE(appReads(t), QString());
    }

    void deleteNeedsTheSlugTyped()
    {
        const QString slug = provision(IsolationModel::Schema);
        TenantLifecycle lifecycle(m_catalog, *m_shards);
        expectInputError([&] { lifecycle.remove(slug, slug.toUpper(), 0); }, QStringLiteral("type its slug"));
        QCOMPARE(catalogState(m_catalog, slug), QStringLiteral("active"));
    }

    void deleteWithRetentionKeepsTheDataOutOfReach_data() { models_data(); }
    void deleteWithRetentionKeepsTheDataOutOfReach()
    {
        QFETCH(IsolationModel, model);
        const QString slug = provision(model);
        const ManagedTenant t = ManagedTenants::get(m_catalog, slug);
        TenantLifecycle lifecycle(m_catalog, *m_shards);
        lifecycle.remove(slug, slug, 7 * 86400, QStringLiteral("customer left"));
        QCOMPARE(catalogState(m_catalog, slug), QStringLiteral("deleting"));
        QCOMPARE(lastAudit(slug), QStringLiteral("tenant.delete"));
        QVERIFY(TenantShardObjects::exists(*m_shards, t));
        QVERIFY(!TenantShardObjects::appAllowed(*m_shards, t));
        expectInputError([&] { lifecycle.purge(slug); }, QStringLiteral("kept until"));
        lifecycle.remove(slug, slug, 0); // changed their mind: delete now
        QVERIFY(catalogState(m_catalog, slug).isEmpty());
        QCOMPARE(lastAudit(slug), QStringLiteral("tenant.purge"));
        if (model != IsolationModel::Shared)
            QVERIFY(!TenantShardObjects::exists(*m_shards, t));
    }
};

QTEST_GUILESS_MAIN(TestTenantLifecycle)
#include "TestTenantLifecycle.moc"
