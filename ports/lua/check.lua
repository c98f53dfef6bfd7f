-- Lua port check: errors and pcall (setjmp/longjmp underneath), coroutines, string, table and io
-- on a file in the preopened directory given as arg[1].
local dir = assert(arg[1], "usage: lua check.lua DIR")

-- pcall / error, with tables as error values and nested protected calls
local ok, err = pcall(error, "plain")
print("pcall error:", ok, err)
ok, err = pcall(function() error({code = 42}) end)
print("pcall table error:", ok, type(err), err.code)
ok, err = pcall(function() local t = nil; return t.field end)
print("pcall index nil:", ok, (err:gsub("^.-:%d+: ", "")))
print("xpcall traceback handler:", xpcall(function() error("deep", 0) end, function(m) return "handled " .. m end))
local depth = 0
local function recurse(n) depth = n; if n == 0 then error("bottom", 0) end; return recurse(n - 1) + 1 end
local uok, umsg = pcall(recurse, 100)
print("nested unwind:", uok, umsg, depth)
print("error in error handler is caught:", (pcall(function() error(setmetatable({}, {__tostring = function() error("x") end})) end)))

-- coroutines: generators, passing values both ways, errors inside, wrap
local function gen(n)
  return coroutine.wrap(function() for i = 1, n do coroutine.yield(i * i) end end)
end
local squares = {}
for v in gen(6) do squares[#squares + 1] = v end
print("coroutine squares:", table.concat(squares, ","))
local co = coroutine.create(function(a, b)
  local c = coroutine.yield(a + b)
  local d, e = coroutine.yield(c * 2)
  return d + e
end)
print("resume 1:", coroutine.resume(co, 1, 2))
print("resume 2:", coroutine.resume(co, 10))
print("resume 3:", coroutine.resume(co, 3, 4))
print("status:", coroutine.status(co), coroutine.resume(co))
local bad = coroutine.create(function() coroutine.yield(1); error("inside", 0) end)
print("error in coroutine:", coroutine.resume(bad))
print("error in coroutine:", coroutine.resume(bad))
print("close:", coroutine.close(coroutine.create(function() end)))

-- string
print("format:", string.format("%5.2f|%-5s|%05d|%x|%q", math.pi, "ab", 42, 255, "a\nb"))
print("gsub:", ("hello world from lua"):gsub("(%w+)", "<%1>"))
print("find/match:", select("#", ("key = value"):find("=")), ("key = value"):find("=", 1, true), ("key = value"):match("(%w+)%s*=%s*(%w+)"))
local words = {}
for w in ("the quick brown fox"):gmatch("%a+") do words[#words + 1] = w:upper() end
print("gmatch:", table.concat(words, " "))
print("rep/sub/byte:", ("ab"):rep(3, "-"), ("abcdef"):sub(2, -2), ("A"):byte(), string.char(72, 105))
print("pack/unpack:", string.unpack("<i4 >i2 z", string.pack("<i4 >i2 z", -5, 258, "zs")))
print("utf8:", utf8.len("h\u{e9}llo"), utf8.char(0x4e2d, 0x6587))

-- table
local t = {}
for i = 1, 20 do t[i] = (i * 7) % 20 end
table.sort(t)
print("sort:", table.concat(t, " "))
table.sort(t, function(a, b) return a > b end)
print("sort desc:", table.concat(t, " ", 1, 5))
table.insert(t, 1, 100); table.remove(t); table.remove(t, 2)
print("insert/remove:", #t, t[1], t[2])
print("move/unpack:", table.unpack(table.move({1, 2, 3}, 1, 3, 2, {9})))
local mt = setmetatable({}, {__index = function(_, k) return k * 2 end, __len = function() return 7 end})
print("metatables:", mt[21], #mt)
local sum = 0
for i = 1, 100000 do sum = sum + i % 7 end
print("loop:", sum, 2^53, 7 // 2, 7 % -3, math.maxinteger)

-- io: write, append, read back by lines, numbers and all; seek; errors
local path = dir .. "/lua-io.txt"
local f = assert(io.open(path, "w"))
for i = 1, 1000 do f:write(string.format("line %d %d\n", i, i * i)) end
f:close()
f = assert(io.open(path, "a")); f:write("tail\n"); f:close()
local count, last = 0, nil
for line in io.lines(path) do count = count + 1; last = line end
print("io lines:", count, last)
f = assert(io.open(path, "r"))
print("io read:", f:read("l"), f:read(5), f:read("n", "n"))
print("io seek:", f:seek("end"), f:seek("set", 5), f:read(3))
f:close()
print("io missing:", io.open(dir .. "/no/such/file"))
print("os.rename/remove:", os.rename(path, path .. ".old"), os.remove(path .. ".old"), io.open(path))
print("done")
