#include "templates/TemplateStore.h"

#include "base/InputError.h"
#include "catalog/TenantNames.h"
#include "pg/LocalSettings.h"
#include "pg/SqlResource.h"

#include <QJsonDocument>
#include <QRegularExpression>

namespace {

QString sql(const char* name)
{
    return SqlResource::text(QStringLiteral("templates/") + QLatin1String(name));
}

} // namespace

QString TemplateStore::ddl(PgConnection& catalog, const QString& name, IsolationModel model, int version)
{
    const PgResult r = catalog.exec(SqlResource::text(QStringLiteral("browse/template_ddl.sql")),
                                    {name, version, toString(model)});
    if (r.rows() > 0)
        return r.text(0, 0);
    const QString versions = catalog.exec(sql("versions.sql"), {name, toString(model)}).text(0, 0);
    throw InputError(
        versions.isEmpty()
            ? QStringLiteral("The catalog has no template \"%1\" for %2 tenants.").arg(name, toString(model))
            : QStringLiteral("The template \"%1\" for %2 tenants has no version %3; it has %4.")
                  .arg(name, toString(model), QString::number(version), versions));
}

int TemplateStore::latestVersion(PgConnection& catalog, const QString& name, IsolationModel model)
{
    return int(catalog.exec(sql("latest_version.sql"), {name, toString(model)}).toInt(0, 0));
}

void TemplateStore::store(PgConnection& catalog, const TemplateDraft& draft)
{
    catalog.transaction(
        [&] {
            const PgResult inserted = catalog.exec(
                sql("insert.sql"),
                {draft.name, toString(draft.model), draft.version, draft.ddl,
                 draft.upgradeDdl.isEmpty() ? QVariant() : QVariant(draft.upgradeDdl), draft.description});
            if (inserted.rows() == 0)
                throw InputError(QStringLiteral("Version %1 of the template \"%2\" for %3 tenants exists already "
                                                "(added meanwhile?): nothing was stored; add it again for the "
                                                "next version.")
                                     .arg(QString::number(draft.version), draft.name, toString(draft.model)));
            QJsonObject details = draft.auditDetails;
            details.insert(QStringLiteral("template"), draft.name);
            details.insert(QStringLiteral("model"), toString(draft.model));
            details.insert(QStringLiteral("version"), draft.version);
            details.insert(QStringLiteral("upgradable"), !draft.upgradeDdl.isEmpty());
            catalog.exec(SqlResource::text(QStringLiteral("provision/audit.sql")),
                         {draft.auditAction, QVariant(), QVariant(), draft.description,
                          QJsonDocument(details).toJson(QJsonDocument::Compact)});
        },
        LocalSettings::beginPinned());
}

void TemplateStore::checkName(const QString& name)
{
    static const QRegularExpression valid(QStringLiteral("^[a-z][a-z0-9_-]*$"));
    if (!valid.match(name).hasMatch())
        throw InputError(QStringLiteral("The template name \"%1\" is not valid: lower-case letters, digits, "
                                        "'-' and '_', starting with a letter.")
                             .arg(name));
    if (name.toUtf8().size() > TenantNames::MaxIdentifierBytes)
        throw InputError(QStringLiteral("The template name \"%1\" is longer than %2 bytes.")
                             .arg(name)
                             .arg(TenantNames::MaxIdentifierBytes));
}
