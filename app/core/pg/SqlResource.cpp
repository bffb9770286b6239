#include "pg/SqlResource.h"

#include <QFile>
#include <QHash>
#include <QMutex>

// The resources are compiled into an object inside the static core library; nothing else refers
// to it, so without this reference the linker would leave it out of every executable.
static void initResources()
{
    Q_INIT_RESOURCE(tenantdesk_sql);
}

QString SqlResource::text(const QString& path)
{
    static const bool initialised = (initResources(), true);
    Q_UNUSED(initialised);
    static QMutex mutex;
    static QHash<QString, QString> cache;
    QMutexLocker lock(&mutex);
    auto it = cache.constFind(path);
    if (it != cache.constEnd())
        return *it;
    QFile file(QStringLiteral(":/sql/") + path);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("missing SQL resource :/sql/%s", qPrintable(path));
    return *cache.insert(path, QString::fromUtf8(file.readAll()));
}
