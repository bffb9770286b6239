#include "PrivateSandbox.h"

#include "sandbox/Sandbox.h"

#include <QFile>
#include <QtGlobal>

#include <stdexcept>

PrivateSandbox::PrivateSandbox(const QString& prefix, int tenants, bool pgbouncer)
    : m_dir(QStringLiteral("/tmp/%1-XXXXXX").arg(prefix))
{
    if (!m_dir.isValid())
        throw std::runtime_error("cannot make a folder for a private sandbox");
    // The servers run as another user when we are root: it must be able to enter the folder.
    QFile::setPermissions(m_dir.path(), QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner
                                            | QFileDevice::ReadOther | QFileDevice::ExeOther);
    Sandbox::Options options;
    options.tenants = tenants;
    options.pgbouncer = pgbouncer;
    try {
        m_catalogParams = Sandbox(dir()).up(options).withSafeDefaults();
        const std::optional<SandboxState> state = SandboxState::load(dir());
        if (!state)
            throw std::runtime_error("the private sandbox wrote no sandbox.json");
        m_state = *state;
    } catch (...) {
        Sandbox(dir()).down(true);
        throw;
    }
}

PrivateSandbox::~PrivateSandbox()
{
    try {
        Sandbox(dir()).down(true);
    } catch (const std::exception& e) {
        qWarning("could not remove the sandbox in %s: %s", qPrintable(dir()), e.what());
    }
}
