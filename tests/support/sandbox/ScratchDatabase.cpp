#include "ScratchDatabase.h"

#include "TestFleet.h"
#include "pg/PgConnection.h"

#include <QRandomGenerator>

// Runs statement, with %1 standing for the quoted database name, as tenantdesk_admin on the catalog server.
static void onCatalogServer(const QString& statement, const QString& database)
{
    PgConnection admin;
    admin.open(TestFleet::catalogParams().withSafeDefaults());
    admin.execScript(statement.arg(admin.quoteIdentifier(database)));
}

ScratchDatabase::ScratchDatabase(const QString& purpose)
    : m_name(QStringLiteral("tdtest_%1_%2")
                 .arg(purpose)
                 .arg(QRandomGenerator::global()->generate(), 8, 16, QLatin1Char('0')))
{
    onCatalogServer(QStringLiteral("CREATE DATABASE %1"), m_name);
}

ScratchDatabase::~ScratchDatabase()
{
    try {
        onCatalogServer(QStringLiteral("DROP DATABASE IF EXISTS %1 WITH (FORCE)"), m_name);
    } catch (const PgError& e) {
        qWarning("could not drop the scratch database %s: %s", qPrintable(m_name), e.what());
    }
}

ConnectionParams ScratchDatabase::params() const
{
    const ConnectionParams catalog = TestFleet::catalogParams();
    return catalog.withEndpoint(catalog.value("host"), catalog.value("port").toInt(), m_name).withSafeDefaults();
}
