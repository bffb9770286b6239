#include "browse/TemplateDrift.h"

#include "base/InputError.h"
#include "browse/TenantObjectsLoader.h"
#include "pg/Ddl.h"
#include "pg/LocalSettings.h"
#include "pg/SqlResource.h"

#include <QRandomGenerator>

#include <algorithm>

QStringList TemplateDrift::signature(const QList<TenantObject>& objects)
{
    QStringList lines;
    for (const TenantObject& o : objects) {
        lines << TenantObject::kindName(o.kind) + u' ' + o.name + o.signature;
        for (const TenantObject::Part& part : o.parts)
            lines << TenantObject::sectionName(part.section) + u' ' + o.name + u'.' + part.name + QStringLiteral(": ")
                         + part.definition;
    }
    std::sort(lines.begin(), lines.end());
    return lines;
}

QList<TenantObject> TemplateDrift::templateObjects(PgConnection& catalog, const TenantTarget& target)
{
    const TenantDetails& t = target.tenant;
    if (t.templateName.isEmpty())
        throw InputError(QStringLiteral("Tenant %1 was not made from a template.").arg(t.slug));
    const PgResult ddl = catalog.exec(SqlResource::text("browse/template_ddl.sql"),
                                      {t.templateName, t.templateVersion, toString(t.model)});
    if (ddl.rows() == 0)
        throw InputError(QStringLiteral("The catalog has no DDL for template %1 version %2 (%3).")
                             .arg(t.templateName, QString::number(t.templateVersion), toString(t.model)));
    // A name of its own, so that two people comparing at once never wait on each other.
    const QString scratch = QStringLiteral("tenantdesk_template_%1")
                                .arg(uint(QRandomGenerator::global()->generate()), 8, 16, QLatin1Char('0'));
    return catalog.rolledBack([&] {
        catalog.execScript(Ddl(catalog).createSchema(scratch));
        catalog.execScript(LocalSettings::searchPath(catalog, {scratch}));
        catalog.execScript(ddl.text(0, 0));
        LocalSettings::pinSearchPath(catalog);
        return TenantObjectsLoader::load(catalog, scratch);
    });
}

QStringList TemplateDrift::differences(const QStringList& templateSignature, const QStringList& tenantSignature)
{
    QStringList result;
    std::set_difference(templateSignature.begin(), templateSignature.end(), tenantSignature.begin(),
                        tenantSignature.end(), std::back_inserter(result));
    for (QString& line : result)
        line.prepend(QStringLiteral("- "));
    QStringList extra;
    std::set_difference(tenantSignature.begin(), tenantSignature.end(), templateSignature.begin(),
                        templateSignature.end(), std::back_inserter(extra));
    for (const QString& line : extra)
        result << QStringLiteral("+ ") + line;
    return result;
}
