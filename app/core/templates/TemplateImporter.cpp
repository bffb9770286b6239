#include "templates/TemplateImporter.h"

#include "base/InputError.h"
#include "catalog/TenantNames.h"
#include "pg/PgDump.h"
#include "pg/SqlComment.h"
#include "pg/SqlResource.h"
#include "provision/ManagedTenants.h"
#include "templates/DumpedDdl.h"
#include "templates/TemplateStore.h"

#include <QDateTime>
#include <QSet>

namespace {

constexpr int DifferencesShown = 12;

// Refuses up front, with the grant that fixes it, what pg_dump would fail on half-way.
void checkReadable(PgConnection& tenant, const QString& schema, const QString& label)
{
    const PgResult missing = tenant.exec(
        SqlResource::text(QStringLiteral("templates/import_access.sql")),
        {schema.isEmpty() ? QVariant() : QVariant(schema), TenantNames::shardSchema()});
    if (missing.rows() == 0)
        return;
    QStringList what;
    QStringList owners;
    for (int row = 0; row < missing.rows() && what.size() < 5; ++row)
        what << (missing.text(row, 0) == QLatin1String("schema")
                     ? QStringLiteral("schema %1").arg(tenant.quoteIdentifier(missing.text(row, 1)))
                     : QStringLiteral("%1.%2").arg(tenant.quoteIdentifier(missing.text(row, 1)),
                                                   tenant.quoteIdentifier(missing.text(row, 2))));
    for (int row = 0; row < missing.rows(); ++row) {
        const QString grant = QStringLiteral("GRANT %1 TO %2;")
                                  .arg(tenant.quoteIdentifier(missing.text(row, 3)),
                                       tenant.quoteIdentifier(tenant.user()));
        if (!owners.contains(grant))
            owners << grant;
    }
    throw InputError(
        QStringLiteral("%1 cannot read the definitions of %2 (%3 of them: %4): pg_dump needs USAGE on its schemas "
                       "and SELECT on its tables. Fix, run by a superuser or the owner on the shard: %5")
            .arg(tenant.user(), label, QString::number(missing.rows()), what.join(QStringLiteral(", ")),
                 owners.join(u' ')));
}

} // namespace

TemplateImporter::TemplateImporter(PgConnection& catalog, ShardConnections& shards)
    : m_catalog(catalog)
    , m_shards(shards)
{
}

TemplateImporter::Imported TemplateImporter::import(const QString& slug, const QString& templateName, int version,
                                                    int timeoutMs)
{
    TemplateStore::checkName(templateName);
    const ManagedTenant tenant = ManagedTenants::get(m_catalog, slug);
    if (tenant.model == IsolationModel::Shared)
        throw InputError(QStringLiteral("%1 is a shared-table tenant: its tables are those of every shared-table "
                                        "tenant of %2, not its own. Import from a schema or database tenant.")
                             .arg(slug, tenant.shard.name));
    const bool ownSchema = tenant.model == IsolationModel::Schema;
    PgConnection& source = m_shards.to(tenant.shard, tenant.dataDatabase());
    checkReadable(source, ownSchema ? tenant.schemaName : QString(), tenant.objectLabel());

    QStringList arguments{QStringLiteral("--schema-only"),        QStringLiteral("--no-owner"),
                          QStringLiteral("--no-privileges"),      QStringLiteral("--quote-all-identifiers"),
                          QStringLiteral("--no-tablespaces"),     QStringLiteral("--no-table-access-method"),
                          QStringLiteral("--no-security-labels"), QStringLiteral("--no-publications"),
                          QStringLiteral("--no-subscriptions"),   QStringLiteral("--encoding=UTF8")};
    QStringList leftOut; // extensions only a superuser can create: the owner role could not run them
    if (ownSchema)
        arguments << QStringLiteral("--schema=") + PgDump::exactPattern(tenant.schemaName);
    else
        arguments << QStringLiteral("--exclude-schema=") + PgDump::exactPattern(TenantNames::shardSchema())
                  << PgDump::adminExtensionArguments(source, leftOut);
    QByteArray dump;
    PgDump::run(
        source, arguments, tenant.objectLabel(), [&dump](const QByteArray& chunk) { dump += chunk; }, timeoutMs);

    const QString schema = ownSchema ? tenant.schemaName : QStringLiteral("public");
    const QString origin = QStringLiteral("tenant %1 (%2 on %3)").arg(slug, tenant.objectLabel(), tenant.shard.name);
    const DumpedDdl ddl(QString::fromUtf8(dump), schema,
                        QStringLiteral("Imported by TenantDesk from %1 at %2")
                            .arg(origin, QDateTime::currentDateTimeUtc().toString(Qt::ISODate)));

    TemplateDraft draft;
    draft.name = templateName;
    draft.model = tenant.model;
    draft.version = version;
    draft.ddl = ddl.ddl();
    // Names may hold line feeds and other control characters, which a description may not.
    draft.description = SqlComment::oneLine(QStringLiteral("Imported from ") + origin);
    draft.auditAction = QStringLiteral("template.import");
    draft.auditDetails = {{QStringLiteral("from_tenant"), slug}, {QStringLiteral("statements"), ddl.statements()}};
    Imported imported{TemplateAdder(m_catalog, m_shards).add(draft, tenant.shard), {}};

    if (!leftOut.isEmpty())
        imported.notes << QStringLiteral("Left out the extensions only a superuser can create (%1): tenant databases "
                                         "get them from the shard's template1, where a superuser adds them.")
                              .arg(leftOut.join(QStringLiteral(", ")));
    if (ddl.unresolved() > 0)
        imported.notes << QStringLiteral("The DDL still names %1 %2 times, in function bodies or settings that pg_dump "
                                         "writes as their author did: review them, or tenants made from it reach "
                                         "into %1.")
                              .arg(source.quoteIdentifier(schema))
                              .arg(ddl.unresolved());
    const QList<TemplateChange> differences = TemplateStructure::load(source, ownSchema ? tenant.schemaName : QString())
                                                  .changesTo(imported.added.structure);
    if (!differences.isEmpty()) {
        QStringList lines;
        for (qsizetype i = 0; i < differences.size() && i < DifferencesShown; ++i)
            lines << QStringLiteral("  ") + differences[i].text();
        imported.notes << QStringLiteral("A tenant made from it differs from %1 in %2 ways (from the tenant to the "
                                         "template):\n%3")
                              .arg(slug)
                              .arg(differences.size())
                              .arg(lines.join(u'\n'));
    }
    return imported;
}
