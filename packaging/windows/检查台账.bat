@echo off
rem taizhang: drag a ledger folder onto this file to check it and to get the
rem compliance report beside the folder. taizhang.exe must sit beside it.
rem
rem This file is GBK (code page 936) with CRLF line ends: cmd.exe reads a
rem batch file in the console code page, 936 on Chinese Windows 7 to 11.
rem .gitattributes keeps it byte for byte. To edit it on Linux:
rem   iconv -f gbk -t utf-8, edit, iconv -f utf-8 -t gbk, unix2dos.
rem The lines up to "chcp 936" are ASCII: from there on cmd reads the file
rem as GBK also where the console is set to another code page (UTF-8).
rem Paths are echoed in "..." so that & ^ ( ) in a folder name stay text.
setlocal
set "oldcp="
for /f "tokens=2 delims=:" %%c in ('chcp') do set "oldcp=%%c"
chcp 936 >nul 2>nul
title 检查台账
set "exe=%~dp0taizhang.exe"
set "status=0"
if not exist "%exe%" goto noexe
if "%~1"=="" goto usage

:next
if "%~1"=="" goto done
echo ================================================================
if exist "%~f1\*" goto folder
echo "%~1" 不是文件夹。
echo 请把整个台账文件夹（而不是其中的某个文件）拖到“检查台账”图标上。
set "status=2"
goto shift

:folder
set "ledger=%~f1"
set "report=%~dp1%~nx1-合规报告.html"
rem A drive's root (E:\) has no name and no folder beside it; and "E:\"
rem would end in \" which the program reads as a quote.
if "%~nx1"=="" set "report=%USERPROFILE%\台账-合规报告.html"
if "%ledger:~-1%"=="\" set "ledger=%ledger%."
echo 正在检查台账 "%ledger%"
echo.
"%exe%" check "%ledger%" --lang zh
set "code=%errorlevel%"
echo.
if "%code%"=="0" goto clean
if "%code%"=="1" goto violations
if "%code%"=="2" goto errors
echo 检查程序异常退出（代码 %code%），请把本窗口的内容截图发给技术人员。
set "status=3"
goto report
:clean
echo 检查完毕：未发现不合规项。
goto report
:violations
echo 检查完毕：发现不合规项，见上表（每行一项，最后一行是汇总）。
if "%status%"=="0" set "status=1"
goto report
:errors
echo 检查完毕：台账文件中有错误，见上方提示（文件名:行:列），请改正后再检查。
if not "%status%"=="3" set "status=2"

:report
echo.
echo 正在生成合规报告……
set "log=%TEMP%\taizhang-report-%RANDOM%.log"
if exist "%report%" del /f /q "%report%" >nul 2>nul
"%exe%" report "%ledger%" --lang zh --format html -o "%report%" >nul 2>"%log%"
if not exist "%report%" goto noreport
del /q "%log%" >nul 2>nul
echo 合规报告已保存到 "%report%"
echo 正在用浏览器打开合规报告；以后也可以双击该文件打开、打印或发给上级。
start "" "%report%"
goto shift

:noreport
echo 未能生成合规报告：
type "%log%"
del /q "%log%" >nul 2>nul
if not "%status%"=="3" set "status=2"

:shift
echo.
shift
goto next

:usage
echo 使用方法：把台账文件夹拖到“检查台账”图标上，不要双击打开本文件。
echo 检查结果显示在本窗口中；合规报告保存在台账文件夹旁边，
echo 名为“文件夹名-合规报告.html”，并自动用浏览器打开。
echo.
set "status=2"
goto done

:noexe
echo 找不到检查程序 taizhang.exe。
echo 请先把下载的压缩包全部解压，再使用解压出的文件夹中的“检查台账”。
echo taizhang.exe 必须和“检查台账”在同一个文件夹中。
echo.
set "status=2"

:done
echo 按任意键关闭本窗口。
pause >nul
if defined oldcp chcp %oldcp% >nul 2>nul
exit /b %status%
