#include "BenchContext.h"
#include "Benchmark.h"
#include "ScriptedPrompts.h"
#include "StallMeter.h"
#include "catalog/TenantNames.h"
#include "pg/PgInstallation.h"
#include "provision/BatchRowModel.h"
#include "provision/ShardDirectory.h"
#include "provision/TenantGrants.h"
#include "provision/TenantProvisioner.h"
#include "ui/admin/BatchProvisionDialog.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>

// Provisioning (DESIGN.md: one tenant within 1.3x the raw DDL floor; a batch at 0.8 x sessions x
// the floor rate; the GUI thread never stalls more than 50 ms). The floor is psql running the same
// DDL in one transaction against the same shard, connection included, as provisioning includes
// its shard connection.

namespace {

const QString benchTemplate = QStringLiteral("bench20");
constexpr int BatchTenants = 1000;

// A 20-table tenant schema: the size DESIGN.md's floor is quoted for.
QString twentyTables()
{
    QString ddl;
    for (int i = 1; i <= 20; ++i) {
        ddl += QStringLiteral("CREATE TABLE t%1 (\n    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,\n").arg(i);
        if (i > 1)
            ddl += QStringLiteral("    t%1_id bigint REFERENCES t%1 (id),\n").arg(i - 1);
        ddl += QStringLiteral("    name text NOT NULL,\n    amount numeric(12,2) NOT NULL DEFAULT 0,\n"
                              "    created_at timestamptz NOT NULL DEFAULT now()\n);\n"
                              "CREATE INDEX t%1_created ON t%1 (created_at);\n")
                   .arg(i);
    }
    return ddl;
}

// The benchmark template, for schema and database tenants, once per catalog.
void ensureTemplate(PgConnection& catalog)
{
    for (const QString& model : {QStringLiteral("schema"), QStringLiteral("database")})
        catalog.exec(
            QStringLiteral("INSERT INTO tenantdesk.templates (name, version, isolation_model, ddl, description) "
                           "VALUES ($1, 1, $2, $3, '20 tables, for tenantdesk-bench') ON CONFLICT DO NOTHING"),
            {benchTemplate, model, twentyTables()});
}

QString prefix()
{
    return QStringLiteral("pb%1").arg(QCoreApplication::applicationPid());
}

TenantSpec spec(const QString& slug, IsolationModel model, const QString& shard)
{
    TenantSpec s;
    s.slug = slug;
    s.displayName = QStringLiteral("Bench ") + slug;
    s.model = model;
    s.shard = shard;
    s.templateName = benchTemplate;
    return s;
}

// Milliseconds for psql to run sql in one transaction on database of the shard's primary.
double psqlMs(const ConnectionParams& catalog, const ShardTarget& shard, const QString& database, const QString& sql,
              bool singleTransaction)
{
    QTemporaryDir dir;
    QFile file(dir.filePath(QStringLiteral("floor.sql")));
    if (!file.open(QIODevice::WriteOnly) || file.write(sql.toUtf8()) < 0)
        throw std::runtime_error("cannot write the floor's SQL file");
    file.close();
    QStringList arguments{QStringLiteral("-X"), QStringLiteral("-q"),
                          QStringLiteral("-v"), QStringLiteral("ON_ERROR_STOP=1"),
                          QStringLiteral("-d"), shard.params(catalog, database).toConnectionString(),
                          QStringLiteral("-f"), file.fileName()};
    if (singleTransaction)
        arguments.prepend(QStringLiteral("-1"));
    QProcess psql;
    QElapsedTimer timer;
    timer.start();
    psql.start(PgInstallation::locate().programPath(QStringLiteral("psql")), arguments);
    if (!psql.waitForFinished(120000) || psql.exitCode() != 0)
        throw std::runtime_error("psql failed: " + psql.readAllStandardError().toStdString());
    return double(timer.nsecsElapsed()) / 1e6;
}

// The statements a schema tenant's shard transaction runs, as psql gets them.
QString schemaDdl(PgConnection& c, const QString& schema)
{
    QStringList sql{QStringLiteral("CREATE SCHEMA %1 AUTHORIZATION tenantdesk_owner").arg(c.quoteIdentifier(schema)),
                    TenantGrants::actAsOwner(c, FleetRoles::standard()),
                    QStringLiteral("SET LOCAL search_path = ") + c.quoteIdentifier(schema), twentyTables(),
                    QStringLiteral("SET LOCAL search_path = pg_catalog")};
    sql += TenantGrants::tables(c, FleetRoles::standard(), schema);
    sql += TenantGrants::schemaAccess(c, FleetRoles::standard(), schema, true);
    return sql.join(QLatin1String(";\n")) + u';';
}

// The catalog a provisioning benchmark works on, with the benchmark template, and the shard it
// creates its tenants on.
struct BenchCatalog {
    BenchCatalog(BenchContext& context, const QString& shardName)
        : params(context.catalog().withSafeDefaults())
    {
        catalog.open(params);
        ensureTemplate(catalog);
        shard = ShardDirectory::byName(catalog, shardName);
    }

    // Milliseconds to provision the tenant <prefix>-<name> of model on the shard.
    double provisionMs(const QString& name, IsolationModel model)
    {
        QElapsedTimer timer;
        timer.start();
        ShardConnections shards(params, FleetRoles::standard()); // a fresh shard connection, as psql makes one
        TenantProvisioner(catalog, shards).provision(spec(prefix() + u'-' + name, model, shard.name));
        return double(timer.nsecsElapsed()) / 1e6;
    }

    ConnectionParams params;
    PgConnection catalog;
    ShardTarget shard;
};

// One floor sample of a schema tenant: psql creating a 20-table schema (dropped afterwards).
double schemaFloorMs(BenchContext& context, PgConnection& catalog, const ShardTarget& shard, int run)
{
    ShardConnections shards(context.catalog(), FleetRoles::standard());
    PgConnection& c = shards.to(shard, shard.tenantDatabase);
    const QString schema = QStringLiteral("%1_floor_%2").arg(prefix()).arg(run);
    const double ms = psqlMs(context.catalog(), shard, shard.tenantDatabase, schemaDdl(catalog, schema), true);
    c.execScript(
        QStringLiteral("SET ROLE tenantdesk_owner; DROP SCHEMA %1 CASCADE; RESET ROLE").arg(c.quoteIdentifier(schema)));
    return ms;
}

void schemaTenant(BenchContext& context)
{
    BenchCatalog bench(context, QStringLiteral("shard-1"));
    bench.provisionMs(QStringLiteral("warm"), IsolationModel::Schema);
    // Value and floor runs alternate, so that the machine's load at the time weighs on both alike.
    QList<double> ms, floors;
    for (int run = 0; run < context.runs(); ++run) {
        ms << bench.provisionMs(QStringLiteral("schema-%1").arg(run), IsolationModel::Schema);
        floors << schemaFloorMs(context, bench.catalog, bench.shard, run);
    }
    context.report(QStringLiteral("provision.schema_tenant"), BenchContext::median(ms), QStringLiteral("ms"),
                   BenchContext::median(floors));
}

void databaseTenant(BenchContext& context)
{
    BenchCatalog bench(context, QStringLiteral("shard-2"));
    // The first one builds the template database; that is once per server, not per tenant.
    bench.provisionMs(QStringLiteral("dbwarm"), IsolationModel::Database);
    QList<double> ms, floors;
    ShardConnections shards(context.catalog(), FleetRoles::standard());
    for (int run = 0; run < context.runs(); ++run) {
        ms << bench.provisionMs(QStringLiteral("db-%1").arg(run), IsolationModel::Database);
        const QString floorDb = QStringLiteral("%1_dbfloor_%2").arg(prefix()).arg(run);
        floors << psqlMs(context.catalog(), bench.shard, bench.shard.tenantDatabase,
                         QStringLiteral("CREATE DATABASE %1 TEMPLATE %2 STRATEGY WAL_LOG OWNER tenantdesk_owner;")
                             .arg(bench.catalog.quoteIdentifier(floorDb),
                                  bench.catalog.quoteIdentifier(TenantNames::templateDatabase(benchTemplate, 1))),
                         false);
        shards.to(bench.shard, bench.shard.tenantDatabase)
            .execScript(QStringLiteral("DROP DATABASE ") + bench.catalog.quoteIdentifier(floorDb));
    }
    context.report(QStringLiteral("provision.database_tenant"), BenchContext::median(ms), QStringLiteral("ms"),
                   BenchContext::median(floors));
}

// 1,000 schema tenants over shard-1 and shard-2 through the batch dialog, as an admin runs it:
// the rate, and the longest the GUI thread stalled meanwhile.
void batch(BenchContext& context)
{
    BenchCatalog bench(context, QStringLiteral("shard-1"));
    // The floor before and after the batch, so that a change of load in between weighs on both.
    QList<double> floors;
    for (int run = 0; run < context.runs(); ++run)
        floors << schemaFloorMs(context, bench.catalog, bench.shard, run);

    QTemporaryDir dir;
    QFile csv(dir.filePath(QStringLiteral("batch.csv")));
    if (!csv.open(QIODevice::WriteOnly))
        throw std::runtime_error("cannot write the batch file");
    csv.write("slug,name,model,shard,template,version,domains\n");
    for (int i = 0; i < BatchTenants; ++i)
        csv.write(QStringLiteral("%1-batch-%2,Batch %2,schema,shard-%3,%4,,\n")
                      .arg(prefix())
                      .arg(i)
                      .arg(1 + i % 2)
                      .arg(benchTemplate)
                      .toUtf8());
    csv.close();

    ScriptedPrompts prompts;
    BatchProvisionDialog dialog(context.catalog(), prompts);
    dialog.show();
    if (!dialog.loadFile(csv.fileName()))
        throw std::runtime_error("the batch file did not load");
    bool finished = false;
    QObject::connect(&dialog, &BatchProvisionDialog::finished, [&] { finished = true; });
    StallMeter meter;
    meter.start();
    QElapsedTimer timer;
    timer.start();
    dialog.start();
    BenchContext::waitUntil([&] { return finished; }, 30 * 60 * 1000, QStringLiteral("the batch to finish"));
    const double seconds = double(timer.nsecsElapsed()) / 1e9;
    const double stall = meter.stop().first;
    for (int run = 0; run < context.runs(); ++run)
        floors << schemaFloorMs(context, bench.catalog, bench.shard, context.runs() + run);
    const double floorMs = BenchContext::median(floors);
    const int created = dialog.model()->count(JobState::Done);
    if (created != BatchTenants)
        throw std::runtime_error(
            QStringLiteral("the batch created %1 of %2 tenants").arg(created).arg(BatchTenants).toStdString());
    const int sessions = 2;
    BenchContext::note(QStringLiteral("%1 tenants in %2 s over %3 shards; single-tenant floor %4 ms")
                           .arg(BatchTenants)
                           .arg(seconds, 0, 'f', 1)
                           .arg(sessions)
                           .arg(floorMs, 0, 'f', 1));
    context.report(QStringLiteral("provision.batch_rate"), BatchTenants / seconds, QStringLiteral("tenants/s"),
                   0.8 * sessions * 1000.0 / floorMs);

    meter.start();
    BenchContext::spin(1000);
    context.report(QStringLiteral("gui.max_stall.batch"), stall, QStringLiteral("ms"), meter.stop().first);
}

const Benchmark::Registration
    schema(QStringLiteral("provision.schema_tenant"),
           QStringLiteral("one 20-table schema tenant, catalog and shard, against psql's DDL"), &schemaTenant);
const Benchmark::Registration database(QStringLiteral("provision.database_tenant"),
                                       QStringLiteral("one database tenant from its template database, against psql"),
                                       &databaseTenant);
const Benchmark::Registration batchRate(QStringLiteral("provision.batch_rate"),
                                        QStringLiteral("1,000 schema tenants over two shards through the batch dialog, "
                                                       "and the GUI's longest stall meanwhile (gui.max_stall.batch)"),
                                        &batch);

} // namespace
