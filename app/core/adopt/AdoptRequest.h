#pragma once

#include "applayout/AppLayout.h"

#include <QJsonObject>
#include <QString>

#include <optional>

// What an admin asks a scan for: the shard, the application's layout (none: try each library's
// defaults, then plain), the database of the application's tables (empty: the shard's tenant
// database) and the table and column names that differ from the library's defaults (the keys of
// AppLayout's options). A plain value: it crosses threads.
struct AdoptRequest {
    QString shard;
    std::optional<AppLayout::Kind> layout;
    QString database;
    QJsonObject options;
};
