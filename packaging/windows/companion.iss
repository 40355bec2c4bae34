; Inno Setup script for Companion on Windows: a per-user install (no administrator needed),
; a Start menu entry, and an uninstaller that asks whether to keep the person's data.
;
; Build the bundle first (tools/build-packages bundle, on Windows), then:
;   iscc /DAppVersion=0.1.0 packaging\windows\companion.iss
; The installer is written to dist\.

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#define AppName "Companion"
#define AppId "org.companion.Companion"

[Setup]
AppId={#AppId}
AppName={#AppName}
AppVersion={#AppVersion}
AppPublisher=The Companion developers
VersionInfoVersion={#AppVersion}
; Per user: installs into the person's own folder, no administrator password asked.
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
DefaultDirName={localappdata}\Programs\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
UninstallDisplayIcon={app}\Companion.exe
UninstallDisplayName={#AppName}
SetupIconFile=..\icons\companion.ico
SourceDir=.
OutputDir=..\..\dist
OutputBaseFilename=companion-{#AppVersion}-windows-setup
Compression=lzma2
SolidCompression=yes
WizardStyle=modern
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
CloseApplications=yes

[Languages]
Name: "en"; MessagesFile: "compiler:Default.isl"
Name: "de"; MessagesFile: "compiler:Languages\German.isl"
Name: "ar"; MessagesFile: "compiler:Languages\Arabic.isl"

[CustomMessages]
en.KeepData=Do you want to keep your Companion data (your people, reminders and notes) on this computer?%n%nChoose Yes to keep it, so Companion finds it again if you install it later. Choose No to delete it for good.
de.KeepData=Möchten Sie Ihre Companion-Daten (Ihre Menschen, Erinnerungen und Notizen) auf diesem Computer behalten?%n%nWählen Sie Ja, um sie zu behalten, damit Companion sie bei einer späteren Installation wiederfindet. Wählen Sie Nein, um sie endgültig zu löschen.
ar.KeepData=هل تريد الاحتفاظ ببيانات Companion (الأشخاص والتذكيرات والملاحظات) على هذا الحاسوب؟%n%nاختر "نعم" للاحتفاظ بها، ليجدها Companion مرة أخرى إن ثبّتّه لاحقًا. اختر "لا" لحذفها نهائيًا.
en.DesktopIcon=Put a Companion icon on the desktop
de.DesktopIcon=Ein Companion-Symbol auf den Desktop legen
ar.DesktopIcon=ضع أيقونة Companion على سطح المكتب

[Tasks]
Name: "desktopicon"; Description: "{cm:DesktopIcon}"

[Files]
; The one-folder bundle that packaging/companion.spec builds.
Source: "..\..\dist\companion\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{userprograms}\{#AppName}"; Filename: "{app}\Companion.exe"; AppUserModelID: "{#AppId}"
Name: "{userdesktop}\{#AppName}"; Filename: "{app}\Companion.exe"; Tasks: desktopicon

[Run]
Filename: "{app}\Companion.exe"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

[UninstallRun]
; Start at login is a setting inside Companion; its entry goes with the program.
Filename: "{sys}\reg.exe"; Parameters: "delete HKCU\Software\Microsoft\Windows\CurrentVersion\Run /v Companion /f"; Flags: runhidden; RunOnceId: "RemoveAutostart"

[Code]
{ Companion keeps the person's data in their own folder (platformdirs: AppData\Roaming\Companion).
  Removing the program never removes it silently: the person is asked, and a silent uninstall
  keeps it. }
procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
var
  DataDir: String;
begin
  if CurUninstallStep = usPostUninstall then
  begin
    DataDir := ExpandConstant('{userappdata}\Companion');
    if DirExists(DataDir) and not UninstallSilent then
      if MsgBox(CustomMessage('KeepData'), mbConfirmation, MB_YESNO or MB_DEFBUTTON1) = IDNO then
        DelTree(DataDir, True, True, True);
  end;
end;
