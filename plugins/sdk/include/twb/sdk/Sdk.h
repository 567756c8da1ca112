// Sdk: the version of Transfer Workbench's plugin SDK; a plugin built against another is refused.
#pragma once

// Raised when an interface changes in a way an old plugin cannot follow. Each interface's IID
// ends in it ("org.transfer-workbench.DataSource/1": written out, as moc reads it), so the
// workbench tells a plugin built against another SDK from one that is not a workbench plugin,
// and says which.
#define TWB_SDK_VERSION 1
#define TWB_SDK_IID_PREFIX "org.transfer-workbench."
