#include "sandbox/SandboxTenant.h"

#include <array>

namespace {
struct Company {
    const char* slug;
    const char* name;
};

// A display name with an apostrophe and one with an ampersand keep quoting and markup honest.
constexpr std::array companies{
    Company{"acme", "Acme Corporation"},
    Company{"globex", "Globex"},
    Company{"initech", "Initech"},
    Company{"umbrella", "Umbrella Corporation"},
    Company{"hooli", "Hooli"},
    Company{"stark", "Stark Industries"},
    Company{"wayne", "Wayne Enterprises"},
    Company{"wonka", "Wonka Industries"},
    Company{"cyberdyne", "Cyberdyne Systems"},
    Company{"tyrell", "Tyrell Corporation"},
    Company{"soylent", "Soylent Corp"},
    Company{"massive-dynamic", "Massive Dynamic"},
    Company{"aperture", "Aperture Science"},
    Company{"black-mesa", "Black Mesa"},
    Company{"oscorp", "Oscorp"},
    Company{"pied-piper", "Pied Piper"},
    Company{"vandelay", "Vandelay Industries"},
    Company{"dunder-mifflin", "Dunder Mifflin"},
    Company{"bobs-burgers", "Bob's Burgers"},
    Company{"monsters-inc", "Monsters, Inc."},
    Company{"planet-express", "Planet Express"},
    Company{"weyland-yutani", "Weyland-Yutani"},
    Company{"nakatomi", "Nakatomi Trading"},
    Company{"virtucon", "Virtucon"},
    Company{"prestige", "Prestige Worldwide"},
    Company{"sterling-cooper", "Sterling Cooper"},
    Company{"los-pollos", "Los Pollos Hermanos"},
    Company{"bluth", "Bluth Company"},
    Company{"krusty-krab", "Krusty Krab"},
    Company{"duff", "Duff Brewery"},
    Company{"ollivanders", "Ollivanders"},
    Company{"cogswell", "Cogswell Cogs"},
    Company{"spacely", "Spacely Sprockets"},
    Company{"gekko", "Gekko & Co"},
    Company{"encom", "Encom"},
    Company{"rekall", "Rekall"},
    Company{"tricell", "Tricell"},
    Company{"zorg", "Zorg Industries"},
    Company{"vault-tec", "Vault-Tec"},
    Company{"buy-n-large", "Buy n Large"},
};

// Namespace of the tenants' keys (UUID v5 of the slug): stable across runs and machines.
const QUuid keyNamespace = QUuid::fromString(QLatin1String("{6f1c3a52-9d1e-4f0b-8a7e-2b5d4c3e1f10}"));
} // namespace

QList<SandboxTenant> SandboxTenant::plan(int count)
{
    QList<SandboxTenant> tenants;
    for (int i = 0; i < count; ++i) {
        SandboxTenant t;
        t.index = i;
        if (i < int(companies.size())) {
            t.slug = QLatin1String(companies[size_t(i)].slug);
            t.displayName = QString::fromUtf8(companies[size_t(i)].name);
        } else {
            const QString number = QStringLiteral("%1").arg(i + 1, 3, 10, QLatin1Char('0'));
            t.slug = QStringLiteral("tenant-") + number;
            t.displayName = QStringLiteral("Tenant ") + number;
        }
        t.model = IsolationModel(i % IsolationModelCount);
        t.shard = 1 + (i / IsolationModelCount) % 2;
        const QString identifier = QString(t.slug).replace(u'-', u'_');
        switch (t.model) {
        case IsolationModel::Schema:
            t.schemaName = identifier;
            break;
        case IsolationModel::Database:
            t.databaseName = QStringLiteral("tenant_") + identifier;
            break;
        case IsolationModel::Shared:
            t.key = QUuid::createUuidV5(keyNamespace, t.slug);
            break;
        }
        t.customers = 200 + i * 53 % 300;
        t.items = 100 + i * 71 % 200;
        t.orders = 1000 + i * 137 % 1000;
        t.priceFactor = 0.6 + (i * 37 % 100) / 100.0;
        t.skuPrefix = identifier.left(3).toUpper();
        t.domains.append({t.slug + QLatin1String(".example.com"), 0, {}});
        if (i % 4 == 1)
            t.domains.append({QStringLiteral("localhost"), 8001 + i, {}});
        if (i % 4 == 2)
            t.domains.append({QStringLiteral("portal.example.com"), 0, u'/' + t.slug});
        tenants.append(t);
    }
    return tenants;
}
