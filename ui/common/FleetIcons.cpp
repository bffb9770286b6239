#include "ui/common/FleetIcons.h"

#include <QApplication>
#include <QFile>
#include <QStyle>

#include <array>

static QIcon themed(const char* name, QStyle::StandardPixmap fallback)
{
    return QIcon::fromTheme(QString::fromLatin1(name), QApplication::style()->standardIcon(fallback));
}

// Made once: the delegates ask for an icon on every paint of every row, and a themed or style
// icon is a lookup and often a PNG decode.
QIcon FleetIcons::forNode(FleetTreeModel::NodeKind kind)
{
    constexpr int kinds = int(FleetTreeModel::NodeKind::Tenant) + 1; // Tenant is the last kind
    static const std::array<QIcon, kinds> icons = [] {
        std::array<QIcon, kinds> made;
        for (int k = 0; k < kinds; ++k)
            made[size_t(k)] = makeNodeIcon(FleetTreeModel::NodeKind(k));
        return made;
    }();
    return icons[size_t(kind)];
}

QIcon FleetIcons::forHealth(HealthState health)
{
    constexpr int healths = int(HealthState::Down) + 1; // Down is the last
    static const std::array<QIcon, healths> icons = [] {
        std::array<QIcon, healths> made;
        for (int h = 0; h < healths; ++h)
            made[size_t(h)] = makeHealthIcon(HealthState(h));
        return made;
    }();
    return icons[size_t(health)];
}

QIcon FleetIcons::makeNodeIcon(FleetTreeModel::NodeKind kind)
{
    using Kind = FleetTreeModel::NodeKind;
    switch (kind) {
    case Kind::Catalog:
        return themed("server-database", QStyle::SP_DriveNetIcon);
    case Kind::Shard:
        return themed("drive-multidisk", QStyle::SP_DriveHDIcon);
    case Kind::ShardsFolder:
    case Kind::EndpointsFolder:
    case Kind::Group:
        return themed("folder", QStyle::SP_DirIcon);
    case Kind::Endpoint:
        return themed("network-server", QStyle::SP_ComputerIcon);
    case Kind::Tenant:
        return themed("user-home", QStyle::SP_FileIcon);
    }
    return {};
}

QIcon FleetIcons::makeHealthIcon(HealthState health)
{
    switch (health) {
    case HealthState::Ok:
        return themed("emblem-ok", QStyle::SP_DialogApplyButton);
    case HealthState::Warning:
        return themed("dialog-warning", QStyle::SP_MessageBoxWarning);
    case HealthState::Down:
        return themed("dialog-error", QStyle::SP_MessageBoxCritical);
    case HealthState::Unknown:
        break;
    }
    return themed("view-refresh", QStyle::SP_BrowserReload);
}

// The icons are compiled into an object inside the static ui library; nothing else refers to it,
// so without this reference the linker would leave it out of every executable.
static void initIconResources()
{
    Q_INIT_RESOURCE(tenantdesk_icons);
}

QIcon FleetIcons::application()
{
    static const bool initialised = (initIconResources(), true);
    Q_UNUSED(initialised);
    // Added by packaging; a build without it simply has no window icon.
    static const QString path = QStringLiteral(":/icons/app/io.tenantdesk.TenantDesk.svg");
    return QFile::exists(path) ? QIcon(path) : QIcon();
}

QIcon FleetIcons::refused()
{
    static const QIcon icon = [] {
        initIconResources();
        QIcon own;
        for (int size : {16, 32, 64})
            own.addFile(QStringLiteral(":/icons/lock/lock-%1.png").arg(size));
        return QIcon::fromTheme(QStringLiteral("object-locked"), own);
    }();
    return icon;
}
