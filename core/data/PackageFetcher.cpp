#include "data/PackageFetcher.h"

#include <QDir>
#include <QProcess>

#include "common/InputError.h"

namespace twb {
namespace {

constexpr int kTimeoutMs = 30 * 60 * 1000;

QString commandLine(const QString& program, const QStringList& arguments) {
  return (QStringList{program} + arguments).join(QLatin1Char(' '));
}

// Runs a tool to completion in workDir; fails with its error output.
void run(const QString& program, const QStringList& arguments, const QString& workDir,
         const QString& hint) {
  QProcess process;
  process.setWorkingDirectory(workDir);
  process.setProcessChannelMode(QProcess::SeparateChannels);
  process.start(program, arguments);
  const QString command = commandLine(program, arguments);
  if (!process.waitForStarted())
    throw RunError(
        QStringLiteral("cannot run `%1`: %2").arg(command, process.errorString()).toStdString() +
        (hint.isEmpty() ? std::string() : " (" + hint.toStdString() + ")"));
  if (!process.waitForFinished(kTimeoutMs)) {
    process.kill();
    process.waitForFinished();
    throw RunError(QStringLiteral("`%1` did not finish in 30 minutes").arg(command).toStdString());
  }
  if (process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0) {
    QStringList lines = QString::fromLocal8Bit(process.readAllStandardError())
                            .split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    if (lines.size() > 6) lines = lines.mid(lines.size() - 6);
    throw RunError(QStringLiteral("`%1` failed (exit status %2): %3")
                       .arg(command)
                       .arg(process.exitCode())
                       .arg(lines.join(QStringLiteral(" | ")))
                       .toStdString());
  }
}

QString onlyFile(const QString& workDir, const QString& pattern, const QString& command) {
  const QStringList files = QDir(workDir).entryList({pattern}, QDir::Files);
  if (files.size() != 1)
    throw RunError(QStringLiteral("`%1` left %2 files matching %3, expected one")
                       .arg(command)
                       .arg(files.size())
                       .arg(pattern)
                       .toStdString());
  return files.front();
}

void report(const FetchProgress& progress, const QString& line, double fraction) {
  if (progress) progress(line, fraction);
}

}  // namespace

FetchedPackage fetchPackage(const PackageSource& package, const QString& workDir,
                            const FetchProgress& progress) {
  FetchedPackage fetched;
  fetched.root = QDir(workDir).filePath(QStringLiteral("root"));
  if (!QDir().mkpath(fetched.root))
    throw RunError(QStringLiteral("cannot create %1").arg(fetched.root).toStdString());
  if (package.kind == PackageSource::Kind::Deb) {
    report(progress, QStringLiteral("downloading %1 with apt-get").arg(package.describe()), 0.05);
    run(QStringLiteral("apt-get"), {QStringLiteral("download"), package.name}, workDir,
        QStringLiteral("apt-get comes with Debian; run `apt-get update` if the package is not "
                       "found"));
    fetched.archive =
        onlyFile(workDir, QStringLiteral("*.deb"), QStringLiteral("apt-get download"));
    report(progress, QStringLiteral("extracting %1").arg(fetched.archive), 0.4);
    run(QStringLiteral("dpkg-deb"), {QStringLiteral("-x"), fetched.archive, fetched.root}, workDir,
        QString());
  } else {
    report(progress, QStringLiteral("downloading %1 with npm").arg(package.describe()), 0.05);
    run(QStringLiteral("npm"),
        {QStringLiteral("pack"), QStringLiteral("--silent"), QStringLiteral("--ignore-scripts"),
         package.name},
        workDir, QStringLiteral("install it with `apt-get install npm`"));
    fetched.archive = onlyFile(workDir, QStringLiteral("*.tgz"), QStringLiteral("npm pack"));
    report(progress, QStringLiteral("extracting %1").arg(fetched.archive), 0.4);
    run(QStringLiteral("tar"),
        {QStringLiteral("-xzf"), fetched.archive, QStringLiteral("-C"), fetched.root}, workDir,
        QString());
  }
  return fetched;
}

}  // namespace twb
