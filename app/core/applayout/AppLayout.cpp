#include "applayout/AppLayout.h"

#include "catalog/CatalogMigrator.h"
#include "pg/PgConnection.h"
#include "pg/SqlResource.h"

#include <QJsonDocument>

#include <array>

namespace {

struct KindName {
    AppLayout::Kind kind;
    const char* name;
};

constexpr std::array<KindName, 4> KindNames{{{AppLayout::Kind::Plain, "plain"},
                                             {AppLayout::Kind::DjangoTenants, "django-tenants"},
                                             {AppLayout::Kind::Stancl, "stancl"},
                                             {AppLayout::Kind::Apartment, "apartment"}}};

// The options and the members they set, one table so that reading and writing agree.
using TextMember = QString AppLayout::*;
struct TextOption {
    const char* key;
    TextMember member;
};
constexpr std::array<TextOption, 10> TextOptions{{{"id_column", &AppLayout::idColumn},
                                                  {"schema_column", &AppLayout::schemaColumn},
                                                  {"name_column", &AppLayout::nameColumn},
                                                  {"data_column", &AppLayout::dataColumn},
                                                  {"active_column", &AppLayout::activeColumn},
                                                  {"domain_column", &AppLayout::domainColumn},
                                                  {"domain_tenant_column", &AppLayout::domainTenantColumn},
                                                  {"primary_column", &AppLayout::primaryColumn},
                                                  {"database_prefix", &AppLayout::databasePrefix},
                                                  {"database_suffix", &AppLayout::databaseSuffix}}};

} // namespace

AppTable AppTable::parse(const QString& text)
{
    const qsizetype dot = text.indexOf(u'.');
    if (dot < 0)
        return {QStringLiteral("public"), text};
    return {text.left(dot), text.mid(dot + 1)};
}

QString toString(AppLayout::Kind kind)
{
    for (const KindName& k : KindNames) {
        if (k.kind == kind)
            return QString::fromLatin1(k.name);
    }
    return {};
}

std::optional<AppLayout::Kind> appLayoutKindFromString(const QString& text)
{
    for (const KindName& k : KindNames) {
        if (text == QLatin1String(k.name))
            return k.kind;
    }
    return std::nullopt;
}

AppLayout AppLayout::defaults(Kind kind, const QString& database)
{
    AppLayout l;
    l.kind = kind;
    l.database = database;
    switch (kind) {
    case Kind::Plain:
        break;
    case Kind::DjangoTenants:
        l.tenantTable = {QStringLiteral("public"), QStringLiteral("customers_client")};
        l.domainTable = {QStringLiteral("public"), QStringLiteral("customers_domain")};
        l.idColumn = QStringLiteral("id");
        l.schemaColumn = QStringLiteral("schema_name");
        l.nameColumn = QStringLiteral("name");
        l.domainColumn = QStringLiteral("domain");
        l.domainTenantColumn = QStringLiteral("tenant_id");
        l.primaryColumn = QStringLiteral("is_primary");
        break;
    case Kind::Stancl:
        l.tenantTable = {QStringLiteral("public"), QStringLiteral("tenants")};
        l.domainTable = {QStringLiteral("public"), QStringLiteral("domains")};
        l.idColumn = QStringLiteral("id");
        l.dataColumn = QStringLiteral("data");
        l.nameColumn = QStringLiteral("name"); // a key of data
        l.domainColumn = QStringLiteral("domain");
        l.domainTenantColumn = QStringLiteral("tenant_id");
        l.databasePrefix = QStringLiteral("tenant");
        break;
    case Kind::Apartment:
        // Apartment's README: config.tenant_names = -> { Customer.pluck(:tenant_name) }
        l.tenantTable = {QStringLiteral("public"), QStringLiteral("customers")};
        l.idColumn = QStringLiteral("id");
        l.schemaColumn = QStringLiteral("tenant_name");
        l.nameColumn = QStringLiteral("name");
        break;
    }
    return l;
}

AppLayout AppLayout::withOptions(const QJsonObject& options) const
{
    AppLayout l = *this;
    if (options.contains(QLatin1String("tenant_table")))
        l.tenantTable = AppTable::parse(options.value(QLatin1String("tenant_table")).toString());
    if (options.contains(QLatin1String("domain_table"))) {
        const QString text = options.value(QLatin1String("domain_table")).toString();
        l.domainTable = text.isEmpty() ? AppTable{} : AppTable::parse(text);
    }
    for (const TextOption& o : TextOptions) {
        if (options.contains(QLatin1String(o.key)))
            l.*o.member = options.value(QLatin1String(o.key)).toString();
    }
    return l;
}

QJsonObject AppLayout::options() const
{
    QJsonObject o;
    if (!hasRegistry())
        return o;
    o.insert(QLatin1String("tenant_table"), tenantTable.text());
    o.insert(QLatin1String("domain_table"), domainTable.isEmpty() ? QString() : domainTable.text());
    for (const TextOption& t : TextOptions)
        o.insert(QLatin1String(t.key), this->*t.member);
    return o;
}

QString AppLayout::quoted(const PgConnection& q, const AppTable& table)
{
    return q.quoteIdentifier(table.schema) + u'.' + q.quoteIdentifier(table.name);
}

std::optional<AppLayout> AppLayout::load(PgConnection& catalog, int shardId)
{
    if (CatalogMigrator::currentVersion(catalog) < 5)
        return std::nullopt;
    const PgResult r = catalog.exec(SqlResource::text(QStringLiteral("applayout/load.sql")), {shardId});
    if (r.rows() == 0)
        return std::nullopt;
    const std::optional<Kind> kind = appLayoutKindFromString(r.text(0, 0));
    if (!kind)
        throw PgError(PgError::Kind::Query,
                      QStringLiteral("The catalog names an application layout this TenantDesk does not know: %1")
                          .arg(r.text(0, 0)));
    return defaults(*kind, r.text(0, 1)).withOptions(QJsonDocument::fromJson(r.text(0, 2).toUtf8()).object());
}
