#include "catalog/ProfileStore.h"

#include <QSettings>

namespace {

const QString ArrayKey = QStringLiteral("connectionProfiles");
const QString PortKey = QStringLiteral("port");

// Every text field of a profile and its key; there is no password among them to store.
const std::pair<QString, QString ConnectionProfile::*> TextFields[] = {
    {QStringLiteral("name"), &ConnectionProfile::name},
    {QStringLiteral("host"), &ConnectionProfile::host},
    {QStringLiteral("dbname"), &ConnectionProfile::dbname},
    {QStringLiteral("user"), &ConnectionProfile::user},
    {QStringLiteral("sslmode"), &ConnectionProfile::sslmode},
    {QStringLiteral("sslrootcert"), &ConnectionProfile::sslrootcert},
    {QStringLiteral("passfile"), &ConnectionProfile::passfile},
    {QStringLiteral("service"), &ConnectionProfile::service},
    {QStringLiteral("connectionString"), &ConnectionProfile::connectionString},
};

} // namespace

ProfileStore::ProfileStore(QSettings* settings)
    : m_owned(settings ? nullptr : new QSettings)
    , m_settings(settings ? settings : m_owned.get())
{
}

ProfileStore::~ProfileStore() = default;

QList<ConnectionProfile> ProfileStore::profiles() const
{
    QList<ConnectionProfile> list;
    const int count = m_settings->beginReadArray(ArrayKey);
    for (int i = 0; i < count; ++i) {
        m_settings->setArrayIndex(i);
        ConnectionProfile p;
        for (const auto& [key, field] : TextFields)
            p.*field = m_settings->value(key).toString();
        p.port = m_settings->value(PortKey).toInt();
        list.append(p);
    }
    m_settings->endArray();
    return list;
}

QString ProfileStore::save(const ConnectionProfile& profile)
{
    if (const QString problem = profile.validate(); !problem.isEmpty())
        return problem;
    ConnectionProfile stored = profile;
    if (!stored.connectionString.trimmed().isEmpty())
        stored.connectionString = ConnectionParams::parse(stored.connectionString).toConnectionString();
    QList<ConnectionProfile> list = profiles();
    auto same = std::find_if(list.begin(), list.end(),
                             [&](const ConnectionProfile& p) { return p.name == stored.name; });
    if (same != list.end())
        *same = stored;
    else
        list.append(stored);
    write(list);
    return {};
}

bool ProfileStore::remove(const QString& name)
{
    QList<ConnectionProfile> list = profiles();
    const qsizetype removed = list.removeIf([&](const ConnectionProfile& p) { return p.name == name; });
    if (removed > 0)
        write(list);
    return removed > 0;
}

void ProfileStore::write(const QList<ConnectionProfile>& list)
{
    m_settings->remove(ArrayKey);
    m_settings->beginWriteArray(ArrayKey, int(list.size()));
    for (int i = 0; i < list.size(); ++i) {
        const ConnectionProfile& p = list[i];
        m_settings->setArrayIndex(i);
        for (const auto& [key, field] : TextFields)
            m_settings->setValue(key, p.*field);
        m_settings->setValue(PortKey, p.port);
    }
    m_settings->endArray();
    m_settings->sync();
}
