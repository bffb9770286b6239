#include "catalog/TenantLocator.h"

#include "base/CatalogInput.h"
#include "base/InputError.h"
#include "catalog/CatalogClient.h"
#include "catalog/CatalogSnapshot.h"
#include "pg/SqlResource.h"

QString TenantLocator::inputProblem(const QString& input)
{
    const QString text = input.trimmed();
    if (text.isEmpty())
        return QStringLiteral("Type a tenant slug, name, domain or URL.");
    if (text.size() > MaxInputLength)
        return QStringLiteral("The tenant text is longer than %1 characters.").arg(MaxInputLength);
    const QString problem = CatalogInput::problem(text);
    if (!problem.isEmpty())
        return QStringLiteral("The tenant text ") + problem + u'.';
    return {};
}

TenantTarget TenantLocator::locate(PgConnection& catalog, const QString& input)
{
    const QString problem = inputProblem(input);
    if (!problem.isEmpty())
        throw InputError(problem);
    const QString text = input.trimmed();

    // One snapshot: the id found by the lookup is the tenant whose details are loaded.
    CatalogSnapshot snapshot(catalog);
    TenantTarget target;
    qint64 tenantId = 0;
    const PgResult byKey = catalog.exec(SqlResource::text("browse/locate_tenant.sql"), {text});
    if (byKey.rows() > 0 && byKey.text(0, 2) == QLatin1String("slug")) {
        tenantId = byKey.toInt(0, 0);
        target.matchedBy = QStringLiteral("slug");
        target.matchedText = byKey.text(0, 1);
    } else if (byKey.rows() == 1) {
        tenantId = byKey.toInt(0, 0);
        target.matchedBy = QStringLiteral("name");
        target.matchedText = text;
    } else if (byKey.rows() > 1) {
        QStringList slugs;
        for (int row = 0; row < byKey.rows(); ++row)
            slugs << byKey.text(row, 1);
        throw InputError(QStringLiteral("Several tenants are named \"%1\"; go to one by its slug: %2.")
                             .arg(text, slugs.join(QStringLiteral(", "))));
    } else if (!text.contains(u' ')) {
        // A display name may hold spaces; a host or URL never does, and resolve() refuses them.
        if (const std::optional<ResolvedTenant> resolved = CatalogClient::resolve(catalog, text)) {
            tenantId = resolved->id;
            target.matchedBy = QStringLiteral("domain");
            target.matchedText = resolved->matchedDomain;
        }
    }
    if (tenantId == 0)
        throw InputError(QStringLiteral("No tenant has the slug, name or domain \"%1\".").arg(text));
    target.tenant = CatalogClient::loadTenantDetails(catalog, tenantId);
    if (!target.primary())
        throw InputError(QStringLiteral("The catalog lists no primary endpoint for shard %1 of tenant %2.")
                             .arg(target.tenant.shard.name, target.tenant.slug));
    return target;
}
