#include "lifecycle/TemplateUpgrader.h"

#include "base/InputError.h"
#include "catalog/CatalogGate.h"
#include "catalog/TenantNames.h"
#include "pg/AdvisoryLock.h"
#include "pg/LocalSettings.h"
#include "pg/OutcomeReadBack.h"
#include "pg/SqlResource.h"
#include "provision/ManagedTenants.h"
#include "provision/TenantGrants.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

QList<TemplateUpgrader::VersionCount> TemplateUpgrader::versions(PgConnection& catalog)
{
    QList<VersionCount> counts;
    const PgResult r = catalog.exec(SqlResource::text("provision/tenants_by_template.sql"));
    for (int row = 0; row < r.rows(); ++row) {
        VersionCount c;
        c.templateName = r.text(row, 0);
        c.model = isolationModelFromString(r.bytes(row, 1)).value_or(IsolationModel::Schema);
        c.version = int(r.toInt(row, 2));
        c.state = r.text(row, 3);
        c.tenants = r.toInt(row, 4);
        c.latest = int(r.toInt(row, 5));
        counts.append(c);
    }
    return counts;
}

TemplateUpgrader::TemplateUpgrader(PgConnection& catalog, ShardConnections& shards, QString templateName,
                                   IsolationModel model, int toVersion)
    : m_catalog(catalog)
    , m_shards(shards)
    , m_template(std::move(templateName))
    , m_model(model)
    , m_to(toVersion)
{
}

QList<UpgradeRow> TemplateUpgrader::candidates(const QStringList& slugs)
{
    CatalogGate::require(m_catalog, CatalogGate::Access::Write);
    const PgResult delta = m_catalog.exec(SqlResource::text("provision/upgrade_ddl.sql"),
                                          {m_template, toString(m_model), m_to});
    if (delta.rows() == 0 || delta.isNull(0, 0))
        throw InputError(QStringLiteral("The template \"%1\" for %2 tenants has no upgrade to version %3 (no "
                                        "upgrade_ddl for that version in tenantdesk.templates).")
                             .arg(m_template, toString(m_model), QString::number(m_to)));
    m_delta = delta.text(0, 0);
    const PgResult r = m_catalog.exec(
        SqlResource::text("provision/upgrade_candidates.sql"),
        {m_template, toString(m_model), m_to,
         slugs.isEmpty() ? QVariant()
                         : QVariant(QJsonDocument(QJsonArray::fromStringList(slugs)).toJson(QJsonDocument::Compact))});
    QList<UpgradeRow> rows;
    for (int row = 0; row < r.rows(); ++row)
        rows.append({r.text(row, 0), r.text(row, 1), int(r.toInt(row, 2)), JobState::Pending, {}});
    return rows;
}

void TemplateUpgrader::run(QList<UpgradeRow>& rows, const RowChanged& changed, const CancelToken& cancel)
{
    for (int i = 0; i < rows.size(); ++i) {
        if (cancel)
            return;
        if (rows[i].state != JobState::Pending && rows[i].state != JobState::Failed)
            continue;
        rows[i].state = JobState::Running;
        rows[i].message.clear();
        if (changed)
            changed(i, rows[i]);
        upgrade(rows[i]);
        if (changed)
            changed(i, rows[i]);
    }
}

// A lost COMMIT answer (PgError::UnknownOutcome) leaves c's connection settled, so that what a
// retry reads is final.
template <typename Fn>
static void settlingOnLostCommit(PgConnection& c, Fn&& fn)
{
    try {
        c.transaction(fn);
    } catch (const PgError& e) {
        if (e.kind() == PgError::Kind::UnknownOutcome) {
            try {
                OutcomeReadBack::settle(c);
            } catch (const Failure& settle) {
                throw PgError(PgError::Kind::UnknownOutcome,
                              QStringLiteral("%1; it could not be read back (%2): left for a later run")
                                  .arg(e.message(), settle.message()));
            }
        }
        throw;
    }
}

void TemplateUpgrader::upgradeShard(const ManagedTenant& t)
{
    PgConnection& c = m_shards.to(t.shard, t.dataDatabase());
    const QString schema = t.tableSchema();
    settlingOnLostCommit(c, [&] {
        c.execScript(LocalSettings::pinSearchPath() + u';' + TenantGrants::actAsOwner(c, m_shards.roles(t.shard)));
        // Only when missing: making it takes a lock that would queue every upgrade on this database.
        if (!c.exec(SqlResource::text("provision/ledger_ready.sql")).toBool(0, 0))
            c.execScript(SqlResource::text("provision/shard_ledger.sql") + QLatin1String("\n;\n")
                         + TenantGrants::ledger(c, m_shards.roles(t.shard)).join(u';'));
        const PgResult recorded = c.exec(SqlResource::text("provision/ledger_version.sql"), {schema});
        if (recorded.rows() > 0 && recorded.toInt(0, 0) >= m_to)
            return; // an earlier run upgraded these tables; only the catalog is behind
        c.execScript(LocalSettings::searchPath(c, {schema}));
        c.execScript(m_delta);
        c.execScript(LocalSettings::pinSearchPath() + u';'
                     + TenantGrants::tables(c, m_shards.roles(t.shard), schema).join(u';'));
        c.exec(SqlResource::text("provision/ledger_record.sql"), {schema, m_template, m_to});
    });
}

void TemplateUpgrader::upgrade(UpgradeRow& row, bool readingBack)
{
    try {
        if (m_delta.isEmpty())
            candidates({row.slug}); // loads the delta
        const AdvisoryLock lock(m_catalog, TenantNames::lockKey(row.slug), AdvisoryLock::Try);
        if (!lock.held())
            throw InputError(QStringLiteral("another session is working on this tenant; try again"));
        const ManagedTenant t = ManagedTenants::get(m_catalog, row.slug);
        if (t.templateName != m_template || t.model != m_model) {
            row.state = JobState::Skipped;
            row.message = QStringLiteral("not a %1 tenant of the template %2").arg(toString(m_model), m_template);
            return;
        }
        if (t.templateVersion >= m_to && readingBack) { // the lost answer was to the catalog's COMMIT
            row.state = JobState::Done;
            row.message = QStringLiteral("v%1 -> v%2").arg(m_to - 1).arg(m_to);
            return;
        }
        if (t.templateVersion >= m_to) {
            row.state = JobState::Skipped;
            row.message = QStringLiteral("at version %1 already").arg(t.templateVersion);
            return;
        }
        if (t.templateVersion != m_to - 1)
            throw InputError(
                QStringLiteral("at version %1: upgrade it to version %2 first").arg(t.templateVersion).arg(m_to - 1));
        upgradeShard(t);
        settlingOnLostCommit(m_catalog, [&] {
            LocalSettings::pinSearchPath(m_catalog);
            if (m_catalog
                    .exec(SqlResource::text("provision/set_template_version.sql"),
                          {t.slug, m_template, t.templateVersion, m_to})
                    .rows()
                == 0)
                throw InputError(QStringLiteral("the tenant changed meanwhile"));
        });
        row.state = JobState::Done;
        row.message = QStringLiteral("v%1 -> v%2").arg(t.templateVersion).arg(m_to);
    } catch (const Failure& e) {
        // The answer to a COMMIT was lost and its connection settled: running the upgrade again
        // reads back what is done (the shard's records, the catalog's version), never running
        // the delta twice, and finishes the rest.
        if (PgError::is(e, PgError::Kind::UnknownOutcome) && !readingBack) {
            upgrade(row, true);
            if (row.state == JobState::Done || row.state == JobState::Skipped)
                row.message += QStringLiteral(" (an answer was lost and read back: %1)").arg(e.message());
            return;
        }
        row.state = JobState::Failed;
        row.message = e.message();
        try {
            const QJsonObject details{{QLatin1String("template"), m_template}, {QLatin1String("to"), m_to}};
            m_catalog.exec(SqlResource::text("provision/audit.sql"),
                           {QStringLiteral("tenant.upgrade.failed"), QVariant(), row.slug, e.message(),
                            QJsonDocument(details).toJson(QJsonDocument::Compact)});
        } catch (const PgError&) {
            // The catalog is unreachable: the row says what happened.
        }
    }
}
