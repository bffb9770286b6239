#include "ui/shell/CatalogStatusBar.h"

#include "ui/common/BusyIndicator.h"

#include <QLabel>
#include <QLocale>

CatalogStatusBar::CatalogStatusBar(QWidget* parent)
    : QStatusBar(parent)
    , m_catalog(addLabel(QStringLiteral("statusCatalog")))
    , m_server(addLabel(QStringLiteral("statusServer")))
    , m_role(addLabel(QStringLiteral("statusRole")))
    , m_version(addLabel(QStringLiteral("statusCatalogVersion")))
    , m_tenants(addLabel(QStringLiteral("statusTenants")))
    , m_busy(new BusyIndicator(this))
{
    setObjectName(QStringLiteral("statusBar"));
    addPermanentWidget(m_busy);
    connect(m_busy, &BusyIndicator::cancelRequested, this, &CatalogStatusBar::cancelRequested);
    clearCatalog();
}

void CatalogStatusBar::showCatalog(const QString& displayName, const CatalogInfo& info)
{
    m_catalog->setText(displayName);
    m_server->setText(tr("PostgreSQL %1").arg(info.serverVersion));
    const QString power = info.superuser ? tr("superuser") : info.canWrite ? tr("admin") : tr("read-only");
    m_role->setText(tr("%1 (%2)").arg(info.user, power));
    m_version->setText(tr("catalog v%1").arg(info.catalogVersion));
    for (QLabel* label : {m_catalog, m_server, m_role, m_version, m_tenants})
        label->show();
}

void CatalogStatusBar::clearCatalog()
{
    for (QLabel* label : {m_server, m_role, m_version, m_tenants})
        label->hide();
    m_catalog->setText(tr("Not connected"));
}

void CatalogStatusBar::setTenantCounts(int shown, int loaded, qint64 total, bool complete)
{
    const QLocale locale;
    QString text = shown == loaded ? tr("%1 tenants").arg(locale.toString(loaded))
                                   : tr("%1 of %2 tenants").arg(locale.toString(shown), locale.toString(loaded));
    // A partial list is never passed off as the whole catalog.
    if (!complete)
        text += tr(" (loaded %1 of %2)").arg(locale.toString(loaded), locale.toString(total));
    m_tenants->setText(text);
}

void CatalogStatusBar::setActivity(const QString& what)
{
    if (what.isEmpty())
        m_busy->setIdle();
    else
        m_busy->setBusy(what);
}

QLabel* CatalogStatusBar::addLabel(const QString& objectName)
{
    auto* label = new QLabel(this);
    label->setObjectName(objectName);
    label->setTextFormat(Qt::PlainText);
    addPermanentWidget(label);
    return label;
}
