#include "ui/shell/AboutDialog.h"

#include "ui/common/DialogParts.h"

#include <QApplication>
#include <QDialogButtonBox>
#include <QLabel>
#include <QVBoxLayout>

#include <libpq-fe.h>

AboutDialog::AboutDialog(const QStringList& serversSeen, QWidget* parent)
    : QDialog(parent)
{
    setObjectName(QStringLiteral("aboutDialog"));
    setWindowTitle(tr("About TenantDesk"));
    auto* title = new QLabel(QStringLiteral("TenantDesk"), this);
    QFont big = title->font();
    big.setPointSizeF(big.pointSizeF() * 1.6);
    big.setBold(true);
    title->setFont(big);
    auto* summary = new QLabel(tr("Desktop console for multi-tenant PostgreSQL fleets."), this);
    auto* versions = new QLabel(versionsText(serversSeen), this);
    versions->setObjectName(QStringLiteral("aboutVersions"));
    versions->setTextFormat(Qt::PlainText); // server version strings come from the servers
    versions->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QDialogButtonBox* buttons = DialogParts::buttons(this, QDialogButtonBox::Close);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(title);
    layout->addWidget(summary);
    layout->addSpacing(8);
    layout->addWidget(versions);
    layout->addWidget(buttons);
}

QString AboutDialog::versionsText(const QStringList& serversSeen)
{
    const int libpq = PQlibVersion();
    QStringList lines{
        tr("TenantDesk %1").arg(QApplication::applicationVersion()),
        tr("Qt %1 (built with %2)").arg(QString::fromLatin1(qVersion()), QStringLiteral(QT_VERSION_STR)),
        tr("libpq %1.%2").arg(libpq / 10000).arg(libpq % 10000),
    };
    if (serversSeen.isEmpty()) {
        lines << tr("No server contacted yet.");
    } else {
        lines << QString() << tr("Servers seen:");
        for (const QString& server : serversSeen)
            lines << QStringLiteral("  ") + server;
    }
    return lines.join(u'\n');
}
