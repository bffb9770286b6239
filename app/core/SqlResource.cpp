#include "SqlResource.h"

#include <QFile>
#include <QHash>
#include <QMutex>

QString SqlResource::text(const QString& path)
{
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
