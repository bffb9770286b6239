#include "templates/TemplateAdder.h"

#include "base/CatalogInput.h"
#include "base/InputError.h"
#include "provision/ShardDirectory.h"
#include "templates/TemplateScratch.h"
#include "templates/TemplateStore.h"

namespace {

constexpr int ChangesShown = 12;

// The server's message, said to be about the template and not about TenantDesk.
PgError refused(const PgError& e, const QString& what, const ShardTarget& shard)
{
    if (e.kind() == PgError::Kind::Connection)
        return e;
    return PgError(e.kind(),
                   QStringLiteral("%1 does not run (tried on %2, in a scratch place that was removed again); "
                                  "nothing was stored: %3")
                       .arg(what, shard.label(), e.message()),
                   e.sqlState(), e.detail(), e.hint());
}

} // namespace

QString TemplateAdder::Added::summary(const QString& verb) const
{
    return QStringLiteral("%1 %2 v%3 (%4): it ran on %5 and made %6 objects and parts%7.")
        .arg(verb, draft.name, QString::number(draft.version), toString(draft.model), shard, QString::number(objects),
             draft.upgradeDdl.isEmpty()
                 ? QString()
                 : QStringLiteral("; its upgrade DDL brings v%1 to the same").arg(draft.version - 1));
}

TemplateAdder::TemplateAdder(PgConnection& catalog, ShardConnections& shards)
    : m_catalog(catalog)
    , m_shards(shards)
{
}

ShardTarget TemplateAdder::shard(const QString& name)
{
    return name.isEmpty() ? ShardDirectory::automatic(m_catalog) : ShardDirectory::byName(m_catalog, name);
}

void TemplateAdder::checkInput(TemplateDraft& draft)
{
    TemplateStore::checkName(draft.name);
    if (const QString problem = CatalogInput::problem(draft.description); !problem.isEmpty())
        throw InputError(QStringLiteral("The description %1: retype it.").arg(problem));
    if (draft.ddl.trimmed().isEmpty())
        throw InputError(QStringLiteral("The DDL is empty: a template makes at least one object."));
    if (draft.version < 0)
        throw InputError(QStringLiteral("A template version is a number above 0."));
    const int latest = TemplateStore::latestVersion(m_catalog, draft.name, draft.model);
    if (draft.version == 0) {
        draft.version = latest + 1;
    } else if (draft.version <= latest) {
        // Older numbers may be free (a version skipped), but never one in use.
        try {
            TemplateStore::ddl(m_catalog, draft.name, draft.model, draft.version);
        } catch (const InputError&) {
            return;
        }
        throw InputError(
            QStringLiteral("Version %1 of the template \"%2\" for %3 tenants exists already: "
                           "versions are never replaced; add version %4.")
                .arg(QString::number(draft.version), draft.name, toString(draft.model), QString::number(latest + 1)));
    }
}

TemplateAdder::Added TemplateAdder::add(TemplateDraft draft, const ShardTarget& shard)
{
    checkInput(draft);
    QString before;
    if (!draft.upgradeDdl.isEmpty()) {
        if (draft.version == 1)
            throw InputError(QStringLiteral("Version 1 has no version before it to upgrade from: leave out "
                                            "the upgrade DDL."));
        try {
            before = TemplateStore::ddl(m_catalog, draft.name, draft.model, draft.version - 1);
        } catch (const InputError& e) {
            throw InputError(e.message()
                             + QStringLiteral(" The upgrade DDL brings version %1 to %2, so "
                                              "version %1 must be there.")
                                   .arg(draft.version - 1)
                                   .arg(draft.version));
        }
    }
    TemplateScratch scratch(m_shards, shard);
    Added added;
    try {
        added.structure = scratch.materialize(draft.model, {draft.ddl});
    } catch (const PgError& e) {
        throw refused(e, QStringLiteral("The DDL"), shard);
    }
    if (!before.isEmpty()) {
        TemplateStructure upgraded;
        try {
            upgraded = scratch.materialize(draft.model, {before, draft.upgradeDdl});
        } catch (const PgError& e) {
            throw refused(e, QStringLiteral("The upgrade DDL, run on version %1,").arg(draft.version - 1), shard);
        }
        const QList<TemplateChange> changes = upgraded.changesTo(added.structure);
        if (!changes.isEmpty()) {
            QStringList lines;
            for (qsizetype i = 0; i < changes.size() && i < ChangesShown; ++i)
                lines << QStringLiteral("  ") + changes[i].text();
            if (changes.size() > ChangesShown)
                lines << QStringLiteral("  … and %1 more").arg(changes.size() - ChangesShown);
            throw InputError(
                QStringLiteral("The upgrade DDL does not bring version %1 to what version %2's DDL makes "
                               "(tenants upgraded would differ from tenants created); nothing was stored. "
                               "From upgraded to new:\n%3")
                    .arg(QString::number(draft.version - 1), QString::number(draft.version), lines.join(u'\n')));
        }
    }
    TemplateStore::store(m_catalog, draft);
    added.draft = draft;
    added.shard = shard.name;
    added.objects = added.structure.size();
    return added;
}
