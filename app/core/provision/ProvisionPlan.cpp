#include "provision/ProvisionPlan.h"

#include "pg/AdvisoryLock.h"
#include "pg/SqlComment.h"

static QString literal(const QVariant& value)
{
    if (value.isNull())
        return QStringLiteral("NULL");
    QString text = value.toString();
    return u'\'' + text.replace(u'\'', QLatin1String("''")) + u'\'';
}

// The statement as it is sent, then its parameter values as comments. Every comment of the
// preview is one line whatever a name or value holds (SqlComment): pasted into psql, the
// preview runs its statements and nothing else.
static QString render(const ProvisionPlan::Statement& s)
{
    QString text = s.sql.trimmed();
    if (!text.endsWith(u';'))
        text += u';';
    for (qsizetype i = 0; i < s.params.size(); ++i)
        text += QStringLiteral("\n--   $") + QString::number(i + 1) + QStringLiteral(" = ")
                + SqlComment::oneLine(literal(s.params[i]));
    return text;
}

ProvisionPlan::StepLock ProvisionPlan::stepLock(const Step& step) const
{
    if (shard.pooling != Pooling::Transaction)
        return {false, step.lockKey};
    return {true, step.lockKey + QStringLiteral(" on shard ") + shard.name};
}

QStringList ProvisionPlan::statements() const
{
    auto where = [this](const Unit& unit) {
        return unit.database.isEmpty()
                   ? QStringLiteral("catalog")
                   : SqlComment::oneLine(QStringLiteral("%1, database %2").arg(shard.label(), unit.database));
    };
    QStringList out;
    out << QStringLiteral("-- Held on the catalog connection until the end, so that nobody else works on %1 "
                          "meanwhile:\n%2")
               .arg(SqlComment::oneLine(spec.slug), render({AdvisoryLock::statement(AdvisoryLock::Try), {lockKey}}));
    int number = 0;
    for (const Step& step : steps) {
        QString header = QStringLiteral("-- Step %1 of %2 (%3): %4")
                             .arg(QString::number(++number), QString::number(steps.size()), toString(step.step),
                                  SqlComment::oneLine(step.summary));
        if (const StepLock lock = stepLock(step); !step.lockKey.isEmpty())
            header += QStringLiteral("\n-- Under a session lock on %1:\n")
                          .arg(lock.onCatalog ? QStringLiteral("catalog") : where(step.units.constFirst()))
                      + render({AdvisoryLock::statement(AdvisoryLock::Wait), {lock.key}});
        if (step.skipWhen)
            header += QStringLiteral("\n-- Skipped when this returns true:\n") + render(*step.skipWhen);
        out << header;
        for (const Unit& unit : step.units) {
            const QString on = QStringLiteral("-- on ") + where(unit);
            if (unit.transaction)
                out << on + QStringLiteral(", in one transaction:\nBEGIN;");
            for (qsizetype i = 0; i < unit.statements.size(); ++i)
                out << (unit.transaction || i > 0 ? QString() : on + u'\n') + render(unit.statements[i]);
            if (unit.transaction)
                out << QStringLiteral("COMMIT;");
        }
        for (const Unit& unit : step.undo) {
            for (const Statement& s : unit.statements)
                out << QStringLiteral("-- Only if a later step fails, on %1:\n-- ").arg(where(unit))
                           + SqlComment::oneLine(render(s));
        }
    }
    return out;
}
