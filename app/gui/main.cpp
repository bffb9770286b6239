#include "base/AppIdentity.h"
#include "base/InputError.h"
#include "catalog/ProfileStore.h"
#include "pg/ConnectionParams.h"
#include "ui/common/DialogPrompts.h"
#include "ui/common/FleetIcons.h"
#include "ui/shell/MainWindow.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QTextStream>
#include <QTimer>

// tenantdesk: the GUI. Everything lives in the ui and core libraries; this only reads the
// command line and shows the window.
int main(int argc, char** argv)
{
    QApplication app(argc, argv);
    AppIdentity::apply(QStringLiteral("TenantDesk"));
    QApplication::setDesktopFileName(QStringLiteral(TENANTDESK_APP_ID));
    QApplication::setWindowIcon(FleetIcons::application());

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Desktop console for multi-tenant PostgreSQL fleets."));
    parser.addHelpOption();
    const QCommandLineOption version({QStringLiteral("v"), QStringLiteral("version")},
                                     QStringLiteral("Show the version and exit."));
    parser.addOption(version);
    const QCommandLineOption smokeTest(QStringLiteral("smoke-test"),
                                       QStringLiteral("Open the main window, run briefly and exit (packaging check)."));
    parser.addOption(smokeTest);
    parser.addPositionalArgument(QStringLiteral("connection"),
                                 QStringLiteral("Open this catalog (libpq URI or key=value) without the dialog."),
                                 QStringLiteral("[connection-string]"));
    parser.process(app);
    if (parser.isSet(version)) {
        QTextStream(stdout) << "tenantdesk " << TENANTDESK_VERSION << '\n';
        return 0;
    }

    ConnectionParams params;
    if (!parser.positionalArguments().isEmpty()) {
        try {
            params = ConnectionParams::parse(parser.positionalArguments().constFirst());
        } catch (const InputError& e) {
            QTextStream(stderr) << "tenantdesk: " << e.text() << '\n';
            return 2;
        }
    }

    DialogPrompts prompts;
    ProfileStore profiles;
    MainWindow window(prompts, profiles);
    window.show();
    if (parser.isSet(smokeTest)) {
        QTimer::singleShot(500, &app, &QApplication::quit);
        return QApplication::exec();
    }
    if (!params.isEmpty())
        window.openCatalog(params);
    else
        window.showConnectDialog();
    return QApplication::exec();
}
