#pragma once

#include <QString>
#include <QStringList>
#include <memory>

class QProcess;

// tenantctl as a user runs it ($TENANTCTL, set by ctest), against the test sandbox's catalog unless
// told otherwise.
struct TenantctlProcess {
    int exitCode = -1; // -1 when it crashed or was killed
    QByteArray out;
    QByteArray err;
    bool timedOut = false; // it did not finish within its wait and was killed

    QString outText() const { return QString::fromUtf8(out); }
    QString errText() const { return QString::fromUtf8(err); }

    // Runs tenantctl with args and --catalog <the sandbox catalog>; waits at most timeoutMs.
    static TenantctlProcess run(const QStringList& args, int timeoutMs = 60000);
    // The same with --catalog <catalog>, a connection string.
    static TenantctlProcess runOn(const QString& catalog, const QStringList& args, int timeoutMs = 60000);
    // The same with args exactly as given: no --catalog.
    static TenantctlProcess runWithoutCatalog(const QStringList& args, int timeoutMs = 60000);

    // A tenantctl started now and waited for later, so that several can run side by side.
    class Started {
    public:
        explicit Started(const QStringList& args); // args exactly as given
        Started(Started&&) noexcept;
        Started& operator=(Started&&) noexcept;
        ~Started(); // kills it if it is still running

        // Waits at most timeoutMs for it to finish, killing it if it does not.
        TenantctlProcess finish(int timeoutMs = 60000);

    private:
        std::unique_ptr<QProcess> m_process;
    };

    // Starts tenantctl with args and --catalog <catalog>, a connection string.
    static Started startOn(const QString& catalog, const QStringList& args);
};
