#include "metrics/MetricsHistory.h"

#include "pg/SqlResource.h"

#include <QAtomicInt>
#include <QCryptographicHash>
#include <QDir>
#include <QFileInfo>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>

#include <cmath>
#include <limits>
#include <stdexcept>

static std::runtime_error historyError(const QString& what, const QSqlError& error)
{
    return std::runtime_error(QString(what + QLatin1String(": ") + error.text()).toStdString());
}

MetricsHistory::MetricsHistory(const QString& path)
    : m_path(path)
{
    static QAtomicInt instances;
    m_connectionName = QStringLiteral("tenantdesk-metrics-history-%1").arg(instances.fetchAndAddRelaxed(1));
    QDir().mkpath(QFileInfo(path).absolutePath());
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connectionName);
    db.setDatabaseName(path);
    if (!db.open())
        throw historyError(QStringLiteral("cannot open the metric history %1").arg(path), db.lastError());
    // QSqlQuery runs one statement at a time: split the script, its comment lines left out.
    QStringList lines = SqlResource::text("metrics/history_schema.sql").split(u'\n');
    lines.removeIf([](const QString& line) { return line.trimmed().startsWith(QLatin1String("--")); });
    const QStringList statements = lines.join(u'\n').split(u';');
    for (const QString& statement : statements) {
        QSqlQuery query(db);
        if (!statement.trimmed().isEmpty() && !query.exec(statement))
            throw historyError(QStringLiteral("cannot create the metric history %1").arg(path), query.lastError());
    }
}

MetricsHistory::~MetricsHistory()
{
    {
        QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
        db.close();
    }
    QSqlDatabase::removeDatabase(m_connectionName);
}

QString MetricsHistory::defaultPath(const QString& fleet)
{
    const QByteArray key = QCryptographicHash::hash(fleet.toUtf8(), QCryptographicHash::Sha1).toHex().left(16);
    return QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation))
        .filePath(QStringLiteral("metrics/") + QString::fromLatin1(key) + QStringLiteral(".sqlite"));
}

void MetricsHistory::append(const QList<MetricSample>& samples)
{
    QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
    if (!db.transaction())
        throw historyError(QStringLiteral("cannot write the metric history"), db.lastError());
    QSqlQuery insert(db);
    insert.prepare(SqlResource::text("metrics/history_insert.sql"));
    QSqlQuery rollup(db);
    rollup.prepare(SqlResource::text("metrics/history_rollup.sql"));
    for (const MetricSample& sample : samples) {
        if (!sample.up)
            continue;
        insert.addBindValue(sample.endpointId);
        insert.addBindValue(sample.timestampMs);
        rollup.addBindValue(sample.endpointId);
        rollup.addBindValue(sample.timestampMs - sample.timestampMs % minuteMs);
        for (MetricSample::Figure figure : storedFigures) {
            const double value = sample.figure(figure);
            const bool has = !std::isnan(value);
            insert.addBindValue(has ? QVariant(value) : QVariant());
            rollup.addBindValue(has ? 1 : 0);
            rollup.addBindValue(has ? value : 0.0);
            rollup.addBindValue(has ? QVariant(value) : QVariant());
        }
        for (QSqlQuery* query : {&insert, &rollup}) {
            if (!query->exec()) {
                const QSqlError error = query->lastError();
                db.rollback();
                throw historyError(QStringLiteral("cannot write the metric history"), error);
            }
        }
    }
    if (!db.commit())
        throw historyError(QStringLiteral("cannot write the metric history"), db.lastError());
}

QList<HistoryPoint> MetricsHistory::load(int endpointId, qint64 fromMs, qint64 toMs, int maxPoints) const
{
    QList<HistoryPoint> points;
    if (toMs <= fromMs || maxPoints <= 0)
        return points;
    const qint64 bucketMs = qMax<qint64>(1, (toMs - fromMs + maxPoints - 1) / maxPoints);
    const bool minutes = bucketMs >= minuteMs;
    // Per-minute rows start on the minute: so do their buckets, taking in the minute begun before fromMs.
    if (minutes)
        fromMs -= fromMs % minuteMs;
    QSqlQuery query(QSqlDatabase::database(m_connectionName, false));
    query.setForwardOnly(true);
    query.prepare(SqlResource::text(minutes ? "metrics/history_load_minutes.sql" : "metrics/history_load.sql"));
    query.addBindValue(fromMs);
    query.addBindValue(bucketMs);
    query.addBindValue(endpointId);
    query.addBindValue(fromMs);
    query.addBindValue(toMs);
    if (!query.exec())
        throw historyError(QStringLiteral("cannot read the metric history"), query.lastError());
    const double nan = std::numeric_limits<double>::quiet_NaN();
    while (query.next()) {
        HistoryPoint point;
        point.average.fill(nan);
        point.maximum.fill(nan);
        point.timestampMs = fromMs + query.value(0).toLongLong() * bucketMs + bucketMs / 2;
        for (size_t i = 0; i < storedFigures.size(); ++i) {
            const QVariant average = query.value(int(1 + 2 * i));
            const QVariant maximum = query.value(int(2 + 2 * i));
            const auto f = size_t(storedFigures[i]);
            point.average[f] = average.isNull() ? nan : average.toDouble();
            point.maximum[f] = maximum.isNull() ? nan : maximum.toDouble();
        }
        points.append(point);
    }
    return points;
}

int MetricsHistory::prune(qint64 nowMs)
{
    auto run = [&](const QString& file) {
        QSqlQuery query(QSqlDatabase::database(m_connectionName, false));
        query.prepare(SqlResource::text(file));
        query.addBindValue(nowMs - retentionMs);
        if (!query.exec())
            throw historyError(QStringLiteral("cannot prune the metric history"), query.lastError());
        return query.numRowsAffected();
    };
    run(QStringLiteral("metrics/history_prune_minutes.sql"));
    return run(QStringLiteral("metrics/history_prune.sql"));
}
