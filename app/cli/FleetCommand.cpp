#include "CliCatalogConnection.h"
#include "CliCommand.h"
#include "CliCommandLine.h"
#include "base/TerminalText.h"
#include "catalog/FleetRoles.h"
#include "fleetadmin/FleetEditor.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

// tenantctl fleet roles [--owner R] [--admin R] [--support R] [--app R]... [--json]: the role names
// of the fleet's servers that TenantDesk grants to and acts as. Without options it shows them.

int runFleet(const QStringList& args)
{
    const QCommandLineOption owner(QStringLiteral("owner"), QStringLiteral("The role owning tenant objects."),
                                   QStringLiteral("role"));
    const QCommandLineOption admin(QStringLiteral("admin"), QStringLiteral("The role TenantDesk logs in as."),
                                   QStringLiteral("role"));
    const QCommandLineOption support(QStringLiteral("support"),
                                     QStringLiteral("The read-only role support staff browse as."),
                                     QStringLiteral("role"));
    const QCommandLineOption app(
        QStringLiteral("app"),
        QStringLiteral("An application role (repeatable; the list replaces the current one): suspension locks out "
                       "each."),
        QStringLiteral("role"));
    const QCommandLineOption json(QStringLiteral("json"), QStringLiteral("Print the roles as a JSON object."));
    const CliCommandLine parser(
        args, {.usage = QStringLiteral("fleet roles [--owner R] [--admin R] [--support R] [--app R]... [--json] "
                                       "[--reason TEXT]"),
               .description = QStringLiteral("Shows or sets the fleet's role names (the options given replace them)."),
               .arguments = {{QStringLiteral("roles"), QStringLiteral("The only action.")}},
               .options = {owner, admin, support, app, json},
               .audited = true,
               .argumentCount = 1,
               .argumentError = QStringLiteral("expected the action: roles")});
    if (parser.positionalArguments().constFirst() != QLatin1String("roles"))
        return CliCatalogConnection::usageError(QStringLiteral("fleet"), QStringLiteral("expected the action: roles"));
    return CliCatalogConnection::withConnection(parser, [&](PgConnection& c) {
        FleetRoles roles = FleetRoles::load(c);
        const bool change = parser.isSet(owner) || parser.isSet(admin) || parser.isSet(support) || parser.isSet(app);
        if (change) {
            CliCatalogConnection::copyGiven(
                parser, {{&owner, &roles.owner}, {&admin, &roles.admin}, {&support, &roles.support}});
            if (parser.isSet(app))
                roles.apps = parser.values(app);
            FleetEditor(c).setRoles(roles, CliCatalogConnection::reason(parser));
            roles = FleetRoles::load(c);
        }
        if (parser.isSet(json)) {
            const QJsonObject object{{QStringLiteral("owner"), roles.owner},
                                     {QStringLiteral("admin"), roles.admin},
                                     {QStringLiteral("support"), roles.support},
                                     {QStringLiteral("apps"), QJsonArray::fromStringList(roles.apps)}};
            cliPrintJson(QJsonDocument(object));
        } else {
            cliOut() << (change ? "Fleet roles set:\n" : "") << "owner    " << TerminalText::escaped(roles.owner)
                     << "\nadmin    " << TerminalText::escaped(roles.admin) << "\nsupport  "
                     << TerminalText::escaped(roles.support) << "\napps     "
                     << TerminalText::escaped(roles.apps.join(QLatin1String(", "))) << '\n';
        }
        cliOut().flush();
        return 0;
    });
}
