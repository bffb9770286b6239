#include "lifecycle/AccessCut.h"

#include <QJsonArray>

QJsonObject AccessCut::toJson() const
{
    QJsonArray list;
    for (const Grant& g : grants)
        list.append(QJsonObject{{QLatin1String("grantee"), g.grantee.isEmpty() ? QJsonValue() : QJsonValue(g.grantee)},
                                {QLatin1String("privileges"), QJsonArray::fromStringList(g.privileges)}});
    QJsonObject json{{QLatin1String("grants"), list}};
    if (!previousOwner.isEmpty())
        json.insert(QLatin1String("owner"), previousOwner);
    if (supportGranted)
        json.insert(QLatin1String("support_granted"), true);
    return json;
}

AccessCut AccessCut::fromJson(const QJsonObject& json)
{
    AccessCut cut;
    cut.previousOwner = json.value(QLatin1String("owner")).toString();
    cut.supportGranted = json.value(QLatin1String("support_granted")).toBool();
    for (const QJsonValue& g : json.value(QLatin1String("grants")).toArray()) {
        QStringList privileges;
        for (const QJsonValue& p : g[QLatin1String("privileges")].toArray())
            privileges.append(p.toString());
        cut.grants.append({g[QLatin1String("grantee")].toString(), privileges});
    }
    return cut;
}
