#include "FileProbe.h"
#include "ModelRows.h"
#include "ScratchTenant.h"
#include "TenantctlProcess.h"
#include "TestFleet.h"
#include "lifecycle/TenantArchiver.h"
#include "provision/ManagedTenants.h"
#include "provision/ShardConnections.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>

// The archive files `tenantctl tenants archive` writes: created new (never through a link planted
// at the file or its .part), 0600, never replacing a file unless --overwrite says so; and pg_dump
// reaches the shard with the password of the connection, wherever that password came from.
class TestArchiveFiles : public QObject {
    Q_OBJECT

    // Some data of its own in a scratch tenant, so that there is something to dump.
    static void fill(const ScratchTenant& t, IsolationModel model)
    {
        t.run(model == IsolationModel::Shared
                  ? QStringLiteral("INSERT INTO customers (name, email, country) VALUES ('A', 'a@example.com', 'SE')")
                  : QStringLiteral("CREATE TABLE notes (id int PRIMARY KEY, body text);"
                                   "INSERT INTO notes VALUES (1, 'first'), (2, 'second')"));
    }

    // A login role on shard 1 with the admin's privileges and a password of its own; dropped again.
    struct LoginRole {
        QString name = QStringLiteral("tdtest_uri_%1")
                           .arg(QRandomGenerator::global()->generate(), 8, 16, QLatin1Char('0'));
        PgConnection superuser;

        explicit LoginRole(const QString& password)
        {
            superuser.open(TestFleet::shardParams(1, SandboxRoles::superuser).withSafeDefaults());
            superuser.exec(QStringLiteral("SELECT pg_catalog.set_config('tdtest.password', $1, false)"), {password});
            superuser.execScript(
                QStringLiteral("DO $$ BEGIN EXECUTE pg_catalog.format("
                               "'CREATE ROLE %1 LOGIN PASSWORD %L IN ROLE %2', "
                               "pg_catalog.current_setting('tdtest.password')); END $$")
                    .arg(superuser.quoteIdentifier(name), superuser.quoteIdentifier(SandboxRoles::admin)));
        }
        ~LoginRole()
        {
            try {
                superuser.execScript(QStringLiteral("DROP ROLE %1").arg(superuser.quoteIdentifier(name)));
            } catch (const PgError& e) {
                qWarning("could not drop %s: %s", qPrintable(name), e.what());
            }
        }
    };

    static void models_data() { modelRows(); }

private slots:
    void archiveFileIsCreatedNewAndPrivate_data() { models_data(); }
    void archiveFileIsCreatedNewAndPrivate()
    {
        QFETCH(IsolationModel, model);
        ScratchTenant t(model, QStringLiteral("files"));
        fill(t, model);
        QTemporaryDir dir;
        const QString target = dir.filePath(QStringLiteral("tenant.archive"));
        const QString part = target + QStringLiteral(".part");
        const QString victim = dir.filePath(QStringLiteral("victim"));
        FileProbe::write(victim, "precious");
        const QStringList archive{QStringLiteral("tenants"), QStringLiteral("archive"), t.slug(),
                                  QStringLiteral("--to"), target};

        // A link planted at the .part path: refused, not followed.
        QVERIFY(QFile::link(victim, part));
        TenantctlProcess run = TenantctlProcess::run(archive, 120000);
        QCOMPARE(FileProbe::contents(victim), QByteArray("precious"));
        QVERIFY2(run.exitCode != 0, qPrintable(run.outText()));
        QVERIFY2(run.errText().contains(QStringLiteral(".part")), qPrintable(run.errText()));
        QVERIFY(!QFile::exists(target));
        QVERIFY(QFile::remove(part));

        // A link planted at the target: not followed, not replaced.
        QVERIFY(QFile::link(victim, target));
        run = TenantctlProcess::run(archive, 120000);
        QVERIFY2(run.exitCode != 0, qPrintable(run.outText()));
        QVERIFY2(run.errText().contains(QStringLiteral("exists already")), qPrintable(run.errText()));
        QCOMPARE(FileProbe::contents(victim), QByteArray("precious"));
        QVERIFY(QFileInfo(target).isSymLink());
        QVERIFY(QFile::remove(target));

        // An existing file: kept unless --overwrite.
        FileProbe::write(target, "an older archive");
        run = TenantctlProcess::run(archive, 120000);
        QVERIFY2(run.exitCode != 0, qPrintable(run.outText()));
        QVERIFY2(run.errText().contains(QStringLiteral("exists already")), qPrintable(run.errText()));
        QCOMPARE(FileProbe::contents(target), QByteArray("an older archive"));
        QVERIFY(!QFile::exists(part));

        run = TenantctlProcess::run(archive + QStringList{QStringLiteral("--overwrite")}, 120000);
        QVERIFY2(run.exitCode == 0, qPrintable(run.errText()));
        QVERIFY(FileProbe::contents(target).startsWith(
            model == IsolationModel::Shared ? QByteArray("-- TenantDesk archive") : QByteArray("PGDMP")));
        QCOMPARE(FileProbe::mode(target), 0600);
        QVERIFY(!QFile::exists(part));
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::System).size(), 2); // the archive, the victim
    }

    // pg_dump turns statement_timeout off for itself; a table it cannot lock (or a server that stops
    // answering) still ends the archive within the statement's bound, leaving no file behind.
    void aDumpThatGetsNoAnswerIsGivenUp()
    {
        ScratchTenant t(IsolationModel::Schema, QStringLiteral("stall"));
        fill(t, IsolationModel::Schema);
        PgConnection holder;
        holder.open(TestFleet::shardParams(1, SandboxRoles::superuser).withSafeDefaults());
        holder.execScript(QStringLiteral("BEGIN; LOCK TABLE %1.notes IN ACCESS EXCLUSIVE MODE")
                              .arg(holder.quoteIdentifier(t.schema())));
        QTemporaryDir dir;
        const QString target = dir.filePath(QStringLiteral("tenant.archive"));
        const QStringList archive{
            QStringLiteral("tenants"),   QStringLiteral("archive"), t.slug(), QStringLiteral("--to"), target,
            QStringLiteral("--timeout"), QStringLiteral("2")};
        QElapsedTimer clock;
        clock.start();
        TenantctlProcess run = TenantctlProcess::run(archive, 30000);
        QVERIFY2(!run.timedOut, "tenantctl tenants archive still waited for the lock after 30 s");
        QVERIFY2(clock.elapsed() < 15000, qPrintable(QString::number(clock.elapsed())));
        QVERIFY2(run.exitCode != 0, qPrintable(run.outText()));
        QVERIFY2(run.errText().contains(QStringLiteral("pg_dump of")), qPrintable(run.errText()));
        QVERIFY(QDir(dir.path()).entryList(QDir::Files | QDir::System | QDir::Hidden).isEmpty());

        holder.execScript(QStringLiteral("ROLLBACK"));
        run = TenantctlProcess::run(archive, 120000);
        QVERIFY2(run.exitCode == 0, qPrintable(run.errText()));
        QCOMPARE(FileProbe::mode(target), 0600);
    }

    void passwordInTheConnectionString_data() { modelRows({IsolationModel::Schema, IsolationModel::Database}); }

    // The catalog's user and password in a URI, no passfile, no PGPASSWORD: pg_dump gets the
    // same password. The password has the characters a passfile line must escape.
    void passwordInTheConnectionString()
    {
        QFETCH(IsolationModel, model);
        qunsetenv("PGPASSWORD");
        qputenv("PGPASSFILE", QFile::encodeName(QDir::temp().filePath(QStringLiteral("tenantdesk-no-such-passfile"))));
        const QString password = QStringLiteral("p:w\\%1:*").arg(QRandomGenerator::global()->generate());
        const LoginRole role(password);
        {
            ScratchTenant t(model, QStringLiteral("uri"));
            fill(t, model);
            PgConnection catalog;
            catalog.open(TestFleet::catalogParams().withSafeDefaults());
            const ManagedTenant tenant = ManagedTenants::get(catalog, t.slug());
            QUrl uri;
            uri.setScheme(QStringLiteral("postgresql"));
            uri.setHost(QStringLiteral("127.0.0.1"));
            uri.setPort(TestFleet::state().primary(1).port);
            uri.setUserName(role.name);
            uri.setPassword(password);
            uri.setPath(QStringLiteral("/postgres"));
            const ConnectionParams params = ConnectionParams::parse(QString::fromUtf8(uri.toEncoded()));
            QCOMPARE(params.value("password"), password);
            QTemporaryDir dir;
            try {
                ShardConnections shards(params.withSafeDefaults(), FleetRoles::standard());
                const TenantArchiver::Result dump = TenantArchiver::dump(shards, tenant, dir.path(),
                                                                         OutputFile::Existing::Keep);
                QCOMPARE(FileProbe::contents(dump.path).left(5), QByteArray("PGDMP"));
            } catch (const PgError& e) {
                QFAIL(qPrintable(e.text()));
            }
        }
    }
};

QTEST_GUILESS_MAIN(TestArchiveFiles)
#include "TestArchiveFiles.moc"
