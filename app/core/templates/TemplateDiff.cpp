#include "templates/TemplateDiff.h"

#include "base/InputError.h"
#include "provision/ShardDirectory.h"
#include "provision/TenantTemplates.h"
#include "templates/TemplateScratch.h"
#include "templates/TemplateStore.h"
#include "templates/TextDiff.h"

#include <QJsonArray>

QStringList TemplateDiff::Result::lines() const
{
    QStringList out;
    if (!structural) {
        out << QStringLiteral("The structure could not be compared (%1); the DDL, line by line:").arg(whyText);
        out << (textDiff.isEmpty() ? QStringList{QStringLiteral("(the same text)")} : textDiff);
        return out;
    }
    out << QStringLiteral("%1 v%2 -> v%3 (%4), made on %5: %6")
               .arg(name, QString::number(from), QString::number(to), toString(model), shard,
                    changes.isEmpty() ? QStringLiteral("the same structure")
                                      : QStringLiteral("%1 changes").arg(changes.size()));
    for (const TemplateChange& change : changes)
        out << change.text();
    return out;
}

QJsonObject TemplateDiff::Result::toJson() const
{
    QJsonArray changeArray;
    for (const TemplateChange& change : changes)
        changeArray.append(change.toJson());
    QJsonObject o{{QStringLiteral("name"), name},
                  {QStringLiteral("model"), toString(model)},
                  {QStringLiteral("from"), from},
                  {QStringLiteral("to"), to},
                  {QStringLiteral("structural"), structural},
                  {QStringLiteral("changes"), changeArray}};
    if (structural) {
        o.insert(QStringLiteral("shard"), shard);
    } else {
        o.insert(QStringLiteral("text_diff"), QJsonArray::fromStringList(textDiff));
        o.insert(QStringLiteral("why"), whyText);
    }
    return o;
}

TemplateDiff::TemplateDiff(PgConnection& catalog, ShardConnections& shards)
    : m_catalog(catalog)
    , m_shards(shards)
{
}

IsolationModel TemplateDiff::modelOf(const QString& name, std::optional<IsolationModel> model)
{
    if (model)
        return *model;
    QStringList models;
    for (const TenantTemplate& t : TenantTemplates::all(m_catalog)) {
        if (t.name == name && !models.contains(toString(t.model)))
            models << toString(t.model);
    }
    if (models.isEmpty())
        throw InputError(QStringLiteral("The catalog has no template \"%1\".").arg(name));
    if (models.size() > 1)
        throw InputError(QStringLiteral("The template \"%1\" exists for %2 tenants: say which model.")
                             .arg(name, models.join(QStringLiteral(" and "))));
    return *isolationModelFromString(models.constFirst().toUtf8());
}

TemplateDiff::Result TemplateDiff::compare(const QString& name, std::optional<IsolationModel> model, int from, int to,
                                           const QString& shardName)
{
    Result result;
    result.name = name;
    result.model = modelOf(name, model);
    result.from = from;
    result.to = to;
    const QString before = TemplateStore::ddl(m_catalog, name, result.model, from);
    const QString after = TemplateStore::ddl(m_catalog, name, result.model, to);
    // A shard asked for by name must be one; without a name, none reachable means a text diff.
    std::optional<ShardTarget> shard;
    if (!shardName.isEmpty())
        shard = ShardDirectory::byName(m_catalog, shardName);
    try {
        if (!shard)
            shard = ShardDirectory::automatic(m_catalog);
        TemplateScratch scratch(m_shards, *shard);
        const TemplateStructure a = scratch.materialize(result.model, {before});
        const TemplateStructure b = scratch.materialize(result.model, {after});
        result.changes = a.changesTo(b);
        result.structural = true;
        result.shard = shard->name;
    } catch (const Failure& e) {
        result.whyText = e.message();
        auto label = [&](int version) {
            return QStringLiteral("%1 v%2 (%3)").arg(name, QString::number(version), toString(result.model));
        };
        result.textDiff = TextDiff::unified(before, after, label(from), label(to));
    }
    return result;
}
