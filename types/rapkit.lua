---@meta
-- rapkit's Lua API for lua-language-server (the sumneko.lua extension of VS
-- Code and other editors): completion, hover text and type checks for
-- scripts run by `rapkit run` and `rapkit repl`. Definitions only: nothing
-- here runs. docs/reference.md is the full reference; tests/tools/
-- check_types.py checks that every function it names, and every function
-- and option rapkit has at run time, is defined here.
--
-- Point the editor at the installed folder (share/rapkit/types) with the
-- setting "Lua.workspace.library"; see the README.

-- ---- values -----------------------------------------------------------------

---A cell as Lua sees it: integers as integers, numbers as floats, booleans
---as booleans, dates and datetimes as ISO 8601 text, missing as nil.
---@alias rapkit.Cell string|integer|number|boolean|nil

---A column type.
---@alias rapkit.ColumnType "integer"|"number"|"text"|"boolean"|"date"|"datetime"

---A row of a dataset: cells by column name.
---@alias rapkit.Row table<string, rapkit.Cell>

---The missing value, for rapkit.dataset and filters. Prints as rapkit.MISSING.
---@class rapkit.Missing

---A label for dates, as rapkit.period and ds:add_period give it.
---@alias rapkit.Period "month"|"quarter"|"financial_year"|"year"|"date"|"year_ending_march"

---A file kind that rapkit.load and `rapkit check` know (docs/kinds.md).
---@alias rapkit.Kind "stop_search"|"workforce"|"workforce_events"|"s136"|"survey_actions"|"activities"|"population"

---A chart's colours: "categorical" (the default: the Analysis Function
---palette in order), "focus" (one element in dark blue, the rest grey) or
---"sequential" (shades of the dark blue, for series whose order means
---something; needs group).
---@alias rapkit.Palette "categorical"|"focus"|"sequential"

---What draws a bar, line or interval chart: "cairo" (the default) or
---"gnuplot", the gnuplot program on PATH, in the same house style; it needs
---no --allow-gnuplot, and draws no small multiples.
---@alias rapkit.ChartBackend "cairo"|"gnuplot"

-- ---- the rapkit table ---------------------------------------------------------

---The rapkit API: loading, datasets, charts, statistics, phrases,
---disclosure control, periods and the impact matrix.
---@class rapkitlib
---@field version string rapkit's version
---@field data table<string, string> the --data paths by name: rapkit.data.searches
---@field min_count integer the small-number threshold (--min-count, default 10); a script may change it
---@field MISSING rapkit.Missing the missing value
---@field ETHNIC_GROUPS string[] {"Asian", "Black", "Mixed", "White", "Other", "Not stated"}
---@field chart rapkit.chartlib
---@field stats rapkit.statslib
---@field say rapkit.saylib
---@field period rapkit.periodlib
---@field matrix rapkit.matrixlib the impact matrix: rapkit.matrix{...} defines a scheme
rapkit = {}

---@class rapkit.ReadCsvOptions
---@field types? table<string, rapkit.ColumnType> column types instead of inferring them
---@field columns? string[] load only these columns
---@field missing? string[] cell values that mean missing, besides the empty cell
---@field lenient? boolean set aside rows with the wrong number of fields (returned second)

---Loads a CSV file. A relative path is relative to the script's folder; a
---rapkit.data path is used as given. With lenient = true it also returns the
---rows set aside (line, fields, text).
---@param path string
---@param opts? rapkit.ReadCsvOptions
---@return rapkit.Dataset data
---@return rapkit.Dataset? set_aside with opts.lenient only
function rapkit.read_csv(path, opts) end

---Builds a dataset from Lua lists, one per column, of equal length. Use
---rapkit.MISSING for a missing value. `names` orders the columns (else sorted).
---@param columns table<string, (string|integer|number|boolean|rapkit.Missing)[]>|{names: string[]}
---@return rapkit.Dataset
function rapkit.dataset(columns) end

---Stacks datasets with the same columns: ds1's rows, then ds2's, ... A list
---of datasets works too.
---@param ... rapkit.Dataset|rapkit.Dataset[]
---@return rapkit.Dataset
function rapkit.bind(...) end

---A whole text file (up to 64 MiB) that the script may read: under its
---folder, or a rapkit.data path, as for read_csv.
---@param path string
---@return string text
function rapkit.read_text(path) end

---@class rapkit.WriteTextOptions
---@field replace? boolean replace on purpose a file written earlier in the run (a chart's companion)

---Writes text to a file under --out, whole or not at all (a temporary file
---renamed into place), creating its folders as write_csv does. Like
---write_csv it refuses to replace a file another write of the run made
---(a chart's NAME.csv, say), unless opts.replace is true.
---@param path string
---@param text string
---@param opts? rapkit.WriteTextOptions
function rapkit.write_text(path, text, opts) end

---Text made safe to put in a Markdown file, by the rule of every Markdown
---file rapkit writes: a backslash doubled, | as \|, < and > as &lt; and
---&gt;, line breaks and tabs as spaces, other control characters as \xHH.
---@param text string
---@return string
function rapkit.markdown_text(text) end

---"path:line" where a Lua function was defined, so that a library can name
---a script's line in its messages; nil for a C function.
---@param fn function
---@return string?
function rapkit.where(fn) end

---@class rapkit.LoadOptions
---@field columns? string[] load only these columns (snake_case, derived ones included)
---@field lenient? boolean set aside rows with the wrong number of fields and report them
---@field keep_going? boolean a value that does not parse becomes missing and is reported

---Loads files of a known kind: a path, a list of paths, a pattern such as
---"data/2024-*.csv", or "builtin:census-2011-west-midlands". Returns the data
---and a dataset of problems (file, line, column, message, rows).
---@param kind rapkit.Kind
---@param path_or_paths string|string[]
---@param opts? rapkit.LoadOptions
---@return rapkit.Dataset data
---@return rapkit.Dataset problems
function rapkit.load(kind, path_or_paths, opts) end

---@class rapkit.DiscloseOptions
---@field cols string[] the count columns (integer or number)
---@field by? string[] the columns whose values make a group
---@field total? table<string, string|number> the group's total row: {ethnic_group = "Total"}
---@field min? integer counts from 1 to min - 1 are suppressed (default rapkit.min_count, else 10)
---@field zeros? boolean suppress zeros too

---@class rapkit.DiscloseCounts
---@field primary integer cells below min
---@field secondary integer cells suppressed to protect another

---Suppresses small counts so that a table can be published: a copy of ds with
---each suppressed count missing and a boolean column <col>_suppressed per count
---column; printed tables and charts show such cells as [c].
---@param ds rapkit.Dataset
---@param opts rapkit.DiscloseOptions
---@return rapkit.Dataset safe
---@return rapkit.DiscloseCounts suppressed
function rapkit.disclose(ds, opts) end

-- ---- datasets -------------------------------------------------------------------

---An immutable table of typed columns; every method that returns a Dataset
---returns a new one. print(ds) shows its first 10 rows as an aligned table.
---@class rapkit.Dataset
---@operator len: integer
local Dataset = {}

---@return integer
function Dataset:nrow() end

---@return string[]
function Dataset:names() end

---@param col string
---@return rapkit.ColumnType
function Dataset:type(col) end

---The cell in row i (from 1).
---@param i integer
---@param col string
---@return rapkit.Cell
function Dataset:get(i, col) end

---Rows where every listed column equals the value or one of the values
---(rapkit.MISSING matches missing), or for which the function returns true.
---@param spec table<string, any>|fun(row: rapkit.Row): any
---@return rapkit.Dataset
function Dataset:filter(spec) end

---The grouping columns then `n`, one row per combination, sorted.
---@param ... string
---@return rapkit.Dataset
function Dataset:count(...) end

---@param ... string
---@return rapkit.Grouping
function Dataset:group_by(...) end

---A copy with a new column of the values the function returns.
---@param name string
---@param fn fun(row: rapkit.Row): string|integer|number|boolean|rapkit.Missing|nil
---@return rapkit.Dataset
function Dataset:mutate(name, fn) end

---A left join: every row of ds with other's columns from the rows whose
---other_key equals key.
---@param other rapkit.Dataset
---@param key string
---@param other_key? string
---@return rapkit.Dataset
function Dataset:join(other, key, other_key) end

---Rows sorted by the column, stable; missing last.
---@param col string
---@param direction? "asc"|"desc"
---@return rapkit.Dataset
function Dataset:sort(col, direction) end

---@param ... string
---@return rapkit.Dataset
function Dataset:select(...) end

---@param old string|table<string, string>
---@param new? string
---@return rapkit.Dataset
function Dataset:rename(old, new) end

---A copy with a text column `name` holding the period of each date in `col`.
---@param name string
---@param col string
---@param period rapkit.Period
---@return rapkit.Dataset
function Dataset:add_period(name, col, period) end

---The distinct combinations of the columns (all columns when none given).
---@param ... string
---@return rapkit.Dataset
function Dataset:distinct(...) end

---A wide table: one row per value of row_col, one column per value of col_col.
---@param row_col string
---@param col_col string
---@param value_col string
---@return rapkit.Dataset
function Dataset:pivot(row_col, col_col, value_col) end

---A copy with a column <col>_share: each value over the total of its group.
---@param col string
---@param by? string|string[]
---@return rapkit.Dataset
function Dataset:share(col, by) end

---A copy with a column <col>_lag<n>: the value n rows earlier in its group.
---@param col string
---@param n integer
---@param by? string|string[]
---@return rapkit.Dataset
function Dataset:lag(col, n, by) end

---A copy with a column <col>_rolling<n>: the sum over the row and the n - 1 before it.
---@param col string
---@param n integer
---@param by? string|string[]
---@return rapkit.Dataset
function Dataset:rolling(col, n, by) end

---For a result of agg: how many missing values each aggregate skipped.
---@return table<string, integer>
function Dataset:skipped() end

---An iterator of row tables: for row in ds:rows() do ... end
---@return fun(): rapkit.Row?
function Dataset:rows() end

---@return rapkit.Row[]
function Dataset:to_table() end

---Writes CSV under --out: missing as an empty field, empty text as "".
---@param path string
function Dataset:write_csv(path) end

---Writes the dataset under --out, whole or not at all, in the format its
---extension names: .csv (as write_csv) or .md (a Markdown table, numbers
---right-aligned, [x] for missing, [c] for suppressed).
---@param path string
function Dataset:write(path) end

---What ds:group_by returns.
---@class rapkit.Grouping
local Grouping = {}

---One row per group: the grouping columns then one column per result, as
---{total = {"sum", "n"}, rows = "count", mean_age = {"mean", "age"}}
---(count, sum, mean, min, max).
---@param spec table<string, string|string[]>
---@return rapkit.Dataset
function Grouping:agg(spec) end

-- ---- charts ---------------------------------------------------------------------

---What every chart type takes besides its data: its text, its size, and
---the rows the script states on the chart's stamp (NAME.json).
---@class rapkit.ChartText
---@field title string a headline that states the finding
---@field subtitle? string measure, geography, period
---@field source? string printed as "Source: ..."
---@field x_title? string
---@field y_title? string
---@field width? number millimetres, 20 to 1000 (default 160)
---@field height? number millimetres, 20 to 1000 (default 100; small multiples 55 more per row)
---@field rows_used? integer the rows the figures were made from, as a metric's result.used
---@field rows_excluded? integer|rapkit.Dataset the rows left out: a count, or a dataset of reason and rows (result.excluded)

---Small multiples: one panel per value of a column, on one page, with
---shared scales; the title, notes and source once for the page.
---@class rapkit.Facets
---@field facet? string the column whose values make the panels (at most 12; none missing)
---@field columns? integer panels per row, 1 to 12 (default: up to 3 side by side, 4 as 2 x 2, then rows of 3; interval and funnel one per row)

---@class rapkit.BarSpec: rapkit.ChartText, rapkit.Facets
---@field data rapkit.Dataset
---@field x string the categories, one bar (or group of bars) each
---@field y string the values
---@field group? string several series, one per value of this column (data in long form)
---@field layout? "grouped"|"stacked"|"percent" with group: side by side (default), stacked, or stacked to 100%
---@field horizontal? boolean categories down the side, for long labels
---@field labels? boolean false leaves the numbers off the bars
---@field palette? rapkit.Palette
---@field focus? string the category (or series, with group) in colour; implies palette "focus"
---@field many_colours? boolean allow 5 or 6 series (more than 4 colours are hard to tell apart)
---@field backend? rapkit.ChartBackend gnuplot draws plain vertical bars of one series only

---@class rapkit.LineMarker
---@field at string|number a value on the x axis
---@field label string

---@class rapkit.LineShade
---@field from string|number
---@field to string|number
---@field label? string

---@class rapkit.LineSpec: rapkit.ChartText, rapkit.Facets
---@field data rapkit.Dataset
---@field x string
---@field y string
---@field group? string one line per value (at most 6)
---@field markers? rapkit.LineMarker[] vertical lines
---@field shade? rapkit.LineShade[] shaded periods
---@field baseline? "zero"|"data"
---@field palette? rapkit.Palette needs group; every line keeps its dash
---@field focus? string the series in colour, drawn on top; implies palette "focus"
---@field backend? rapkit.ChartBackend

---@class rapkit.IntervalSpec: rapkit.ChartText, rapkit.Facets
---@field data rapkit.Dataset
---@field x string the group column
---@field estimate string
---@field lower string
---@field upper string
---@field reference? number|false the dashed line (default 1)
---@field backend? rapkit.ChartBackend

---@class rapkit.SpcSpec: rapkit.ChartText
---@field spc rapkit.SpcResult|rapkit.SpcResult[] a rapkit.stats.spc result, or one per label of facet
---@field step_label? string printed at each step (default "Step")
---@field facet? string[] small multiples: the panels' labels, one per result in spc
---@field columns? integer panels per row, 1 to 12

---@class rapkit.FunnelSpec: rapkit.ChartText, rapkit.Facets
---@field data rapkit.Dataset
---@field stage string
---@field value string

---@class rapkit.HeatmapSpec: rapkit.ChartText, rapkit.Facets
---@field data rapkit.Dataset
---@field row string
---@field col string
---@field value string
---@field level? string a text column of red, amber or green
---@field rows? string[] the order of the rows
---@field cols? string[] the order of the columns
---@field scale? "sequential"|"rag"
---@field decimals? integer places for every value, 0 to 6 (default: the fewest that show them)

---A chart, checked when made; save draws it.
---@class rapkit.Chart
local Chart = {}

---Draws the chart to .png, .svg or .pdf under --out, with NAME.alt.txt,
---NAME.csv, NAME.md and NAME.json (the stamp: where the chart came from)
---beside it. Refused if it would replace a file written earlier in the run.
---@param path string
function Chart:save(path) end

---@class rapkit.chartlib
rapkit.chart = {}

---One bar per row, or several series (group) grouped, stacked or as percentages.
---@param spec rapkit.BarSpec
---@return rapkit.Chart
function rapkit.chart.bar(spec) end

---One line per group; a missing month is a gap, never a zero.
---@param spec rapkit.LineSpec
---@return rapkit.Chart
function rapkit.chart.line(spec) end

---A dot and its interval per group (a forest plot).
---@param spec rapkit.IntervalSpec
---@return rapkit.Chart
function rapkit.chart.interval(spec) end

---A rapkit.stats.spc result as an XmR chart.
---@param spec rapkit.SpcSpec
---@return rapkit.Chart
function rapkit.chart.spc(spec) end

---One bar per stage, with conversions.
---@param spec rapkit.FunnelSpec
---@return rapkit.Chart
function rapkit.chart.funnel(spec) end

---A grid of values, on a sequential or a red/amber/green scale.
---@param spec rapkit.HeatmapSpec
---@return rapkit.Chart
function rapkit.chart.heatmap(spec) end

-- ---- gnuplot commands -----------------------------------------------------------

---@class rapkit.FigureSpec
---@field name string names the figure's files: letters, digits, '-' and '_'
---@field chart? rapkit.Chart the chart; none for a table alone
---@field statement string the one sentence the figure supports, without line breaks
---@field table? rapkit.Dataset shown under the chart, written as tables/NAME.csv
---@field labels? table<string, string> headers for the table's columns on the page
---@field title? string default: the chart's title; required without a chart
---@field source? string default: the chart's source
---@field caveats? string[] up to 20 sentences, one bullet each

---A figure of a board paper: writes charts/NAME.png and .svg (with their
---companions) and tables/NAME.csv under --out; under `rapkit pack` it also
---lays out the figure's page of the pack's PDF. Returns nothing.
---@param spec rapkit.FigureSpec
function rapkit.figure(spec) end

---@class rapkit.GnuplotOptions
---@field data? table<string, rapkit.Dataset> each as the datablock $name, its column names in the first row
---@field timeout? number seconds (default 30, never beyond what --timeout leaves)

---Runs gnuplot commands in the --out folder, for charts rapkit does not draw
---itself. Refused unless the run has --allow-gnuplot: gnuplot can run shell
---commands and write anywhere, so such a run is NOT sandboxed. Returns what
---gnuplot printed to its standard output (set print '-').
---@param commands string
---@param opts? rapkit.GnuplotOptions
---@return string output
function rapkit.gnuplot(commands, opts) end

-- ---- periods --------------------------------------------------------------------

---Labels for dates (2024-04-01, 01/04/2024, a datetime, or a month 2024-04).
---@class rapkit.periodlib
rapkit.period = {}

---"2024-04"
---@param d string
---@return string
function rapkit.period.month(d) end

---"2024-25 Q1" (financial quarters: Q1 is April to June)
---@param d string
---@return string
function rapkit.period.quarter(d) end

---"2024-25" (April to March)
---@param d string
---@return string
function rapkit.period.financial_year(d) end

---"2024"
---@param d string
---@return string
function rapkit.period.year(d) end

---"year ending March 2025"
---@param d string
---@return string
function rapkit.period.year_ending_march(d) end

---The 12 months ending with `month`: the first, the last, and a label
---("12 months to March 2025").
---@param month string
---@return string first
---@return string last
---@return string label
function rapkit.period.rolling_12(month) end

---The months from `from` to `to`, both included.
---@param from string
---@param to string
---@return string[]
function rapkit.period.months(from, to) end

---The first day, the last day and the kind of the period a label names:
---"2025-26 Q2" gives "2025-07-01", "2025-09-30", "quarter". Also a financial
---year ("2025-26"), "year ending March 2026", a month, a year or a date.
---@param label string
---@return string first
---@return string last
---@return rapkit.Period kind
function rapkit.period.bounds(label) end

-- ---- statistics -----------------------------------------------------------------

---@class rapkit.ConfOptions
---@field conf? number the confidence level, strictly between 0 and 1 (default 0.95)

---@class rapkit.ProportionOptions: rapkit.ConfOptions
---@field method? "wilson"|"exact"

---@class rapkit.RateOptions: rapkit.ConfOptions
---@field per? integer default 1000
---@field method? "byar"|"exact"

---@class rapkit.ChangeOptions
---@field kind? "count"|"proportion"

---@class rapkit.SpcOptions
---@field labels? string[] one per value, as rapkit.period.months(...)
---@field step_at? integer|string|(integer|string)[] where a new segment starts

---@class rapkit.ProportionResult
---@field estimate number k / n, a fraction
---@field lower number
---@field upper number
---@field k integer
---@field n integer
---@field conf number
---@field method string

---@class rapkit.RateResult
---@field estimate number per `per` people
---@field lower number
---@field upper number
---@field k integer
---@field population number
---@field per integer
---@field conf number
---@field method string

---@class rapkit.RateRatioResult
---@field estimate? number nil when not defined (flag says why)
---@field lower? number
---@field upper? number
---@field k1 integer
---@field n1 number
---@field k0 integer
---@field n0 number
---@field conf number
---@field method string
---@field flag? string

---@class rapkit.ChangeResult
---@field old number
---@field new number
---@field kind "count"|"proportion"
---@field absolute number new - old
---@field relative? number (new - old) / old, a fraction; nil when old is 0
---@field points? number percentage points, for proportions
---@field flag? string

---@class rapkit.CompareResult
---@field k1 integer
---@field n1 number
---@field k0 integer
---@field n0 number
---@field conf number
---@field z? number
---@field p_value number
---@field significant boolean p_value < 1 - conf
---@field method string names the test, for a footnote
---@field flag? string
---@field ratio? number compare_rates: the rate ratio
---@field difference? number compare_proportions: k1/n1 - k0/n0

---@class rapkit.SpcPoint
---@field index integer
---@field label string
---@field value? number nil for a gap
---@field segment integer
---@field centre? number
---@field lower? number
---@field upper? number
---@field beyond_limits boolean
---@field shift boolean
---@field trend boolean
---@field signal boolean

---@class rapkit.SpcSegment
---@field from integer
---@field to integer
---@field from_label string
---@field to_label string
---@field n integer
---@field missing integer
---@field moving_ranges integer
---@field centre? number
---@field mean_moving_range? number
---@field lower? number
---@field upper? number
---@field flag? string

---@class rapkit.SpcResult
---@field points rapkit.SpcPoint[]
---@field segments rapkit.SpcSegment[]
---@field method string

---@class rapkit.RankCorrelationResult
---@field estimate? number rho or tau-b; nil when a list has every value equal (flag says so)
---@field n integer the items
---@field method string names the measure, for a footnote
---@field flag? string

---Draws that are the same on every machine and build (SplitMix64).
---@class rapkit.Random
---@field uniform fun(self: rapkit.Random, lo?: number, hi?: number): number uniform on [0, 1), or on [lo, hi)

---Intervals, changes, tests and control charts. Proportions are fractions.
---@class rapkit.statslib
rapkit.stats = {}

---k of n with its Wilson (default) or exact interval.
---@param k integer
---@param n integer
---@param opts? rapkit.ProportionOptions
---@return rapkit.ProportionResult
function rapkit.stats.proportion(k, n, opts) end

---k events per `per` people with Byar's (default) or the exact interval.
---@param k integer
---@param population number
---@param opts? rapkit.RateOptions
---@return rapkit.RateResult
function rapkit.stats.rate(k, population, opts) end

---The rate of group 1 over the reference group 0, with the log-method interval.
---@param k1 integer
---@param n1 number
---@param k0 integer
---@param n0 number
---@param opts? rapkit.ConfOptions
---@return rapkit.RateRatioResult
function rapkit.stats.rate_ratio(k1, n1, k0, n0, opts) end

---The change from old to new: absolute, relative and (for proportions) points.
---@param old number
---@param new number
---@param opts? rapkit.ChangeOptions
---@return rapkit.ChangeResult
function rapkit.stats.change(old, new, opts) end

---Is the rate of group 1 different from group 0's?
---@param k1 integer
---@param n1 number
---@param k0 integer
---@param n0 number
---@param opts? rapkit.ConfOptions
---@return rapkit.CompareResult
function rapkit.stats.compare_rates(k1, n1, k0, n0, opts) end

---Is the proportion of group 1 different from group 0's?
---@param k1 integer
---@param n1 integer
---@param k0 integer
---@param n0 integer
---@param opts? rapkit.ConfOptions
---@return rapkit.CompareResult
function rapkit.stats.compare_proportions(k1, n1, k0, n0, opts) end

---An XmR chart of a series in time order (nil for a missing period).
---@param values (number|nil)[]
---@param opts? rapkit.SpcOptions
---@return rapkit.SpcResult
function rapkit.stats.spc(values, opts) end

---The two-sided normal critical value: z(0.95) is 1.96.
---@param conf number
---@return number
function rapkit.stats.z(conf) end

---Spearman's rho of two rankings of the same items, ties given their mean
---rank (as R's cor(x, y, method = "spearman")). O(n^2) time.
---@param x number[] each item's value (score or rank) under the first ranking
---@param y number[] under the second: the same length, at least 2, numbers only
---@return rapkit.RankCorrelationResult
function rapkit.stats.spearman(x, y) end

---Kendall's tau-b of two rankings of the same items, adjusted for ties (as
---R's cor(x, y, method = "kendall")). O(n^2) time.
---@param x number[]
---@param y number[]
---@return rapkit.RankCorrelationResult
function rapkit.stats.kendall(x, y) end

---A seeded generator: r:uniform() gives the same draws on every machine and
---build, unlike math.random.
---@param seed integer
---@return rapkit.Random
function rapkit.stats.random(seed) end

-- ---- phrases --------------------------------------------------------------------

---@class rapkit.SayOptions
---@field min? integer below this many cases the phrase gets a caveat (default rapkit.min_count)
---@field decimals? integer 0 to 6 (default 1)

---@class rapkit.SayProportionOptions: rapkit.SayOptions
---@field interval? number[]|rapkit.ProportionResult {lower, upper} as fractions
---@field conf? number

---@class rapkit.SayRateOptions: rapkit.SayOptions
---@field per? integer default 1000
---@field of? string default "people"
---@field interval? number[]|rapkit.RateResult
---@field conf? number

---The interval is lower and upper, or the first two items: {4.6, 5.0, group = ...}.
---@class rapkit.SayRatioOptions: rapkit.SayOptions
---@field lower? number
---@field upper? number
---@field group string "Black", or a label such as "Black officers"
---@field reference string
---@field verb? string default "were searched"
---@field conf? number
---@field cases? integer

---@class rapkit.SayChangeOptions: rapkit.SayOptions
---@field kind? "count"|"proportion"|"number"
---@field cases? integer

---Board-paper phrases with the arithmetic, rounding and wording done together.
---@class rapkit.saylib
rapkit.say = {}

---"24 leavers is 25% fewer than 32 joiners"
---@param a integer
---@param b integer
---@param a_label string
---@param b_label string
---@param opts? rapkit.SayOptions
---@return string
function rapkit.say.compare(a, b, a_label, b_label, opts) end

---"4.1% of requests (5 of 121; 95% confidence interval 1.8% to 9.3%)". A
---rapkit.stats.proportion result can stand for k and n.
---@param k integer|rapkit.ProportionResult
---@param n integer|string
---@param what? string|rapkit.SayProportionOptions
---@param opts? rapkit.SayProportionOptions
---@return string
function rapkit.say.proportion(k, n, what, opts) end

---"24.2 per 1,000 people". A rapkit.stats.rate result can stand for k and population.
---@param k integer|rapkit.RateResult
---@param population? number|rapkit.SayRateOptions
---@param opts? rapkit.SayRateOptions
---@return string
function rapkit.say.rate(k, population, opts) end

---"Black people were searched at 4.8 times the rate of White people (...)"
---@param r number|rapkit.RateRatioResult
---@param opts rapkit.SayRatioOptions
---@return string
function rapkit.say.ratio(r, opts) end

---"rose from 12.4% to 16.3%, a rise of 3.9 percentage points (31% higher)"
---@param old number|{estimate: number}
---@param new number|{estimate: number}
---@param opts? rapkit.SayChangeOptions
---@return string
function rapkit.say.change(old, new, opts) end

---"people from Mixed ethnic groups"
---@param name string one of rapkit.ETHNIC_GROUPS, in any case
---@return string
function rapkit.say.group(name) end

---x as the phrases write it: rounded half away from zero to `decimals`
---places (default 0, at most 6), with thousands separators: "1,234.6".
---@param x number
---@param decimals? integer
---@return string
function rapkit.say.number(x, decimals) end

-- ---- the impact matrix ----------------------------------------------------------
-- docs/matrix.md explains schemes, missing scores, totals, levels, ranks,
-- comparisons, the sensitivity draws and every output.

---@class rapkit.MatrixScale
---@field min number
---@field max number
---@field labels? string[] one per whole score from min to max, printed beside the scores

---@class rapkit.MatrixThreshold
---@field min number the lowest total (or score) at this level; levels rise by min
---@field level string its name, as "Promising"
---@field rag? "red"|"amber"|"green" its colour (r, a, g and any case too); default the level's name when it is one

---The period a scoring function is given.
---@class rapkit.MatrixPeriod
---@field period string "2025-26 Q2"
---@field first string its first day, "2025-07-01"
---@field last string its last day, "2025-09-30"

---@class rapkit.MatrixRows
---@field data string|rapkit.Dataset the name of a --data file (rapkit.data.NAME), or a dataset
---@field kind? rapkit.Kind load the file as this kind (else with read_csv)
---@field key string|fun(record: rapkit.Row): any a column, or a function giving the row a record belongs to (nil: left out)
---@field group? string|fun(record: rapkit.Row): any shown beside the row
---@field date? string|false the date column that picks the period (default "date"); false: a snapshot
---@field title? string the heading of the rows (default from key)

---@class rapkit.MatrixDimension
---@field name string any name but "Total"
---@field scale rapkit.MatrixScale
---@field score fun(records: rapkit.Row[], period: rapkit.MatrixPeriod): number|rapkit.Missing|nil, string? a score on the scale (nil: no score, never 0) and a short evidence note
---@field thresholds? rapkit.MatrixThreshold[] how its cells are coloured (default the thirds of its scale)
---@field description? string

---What rapkit.matrix{...} takes. Any other field is an error.
---@class rapkit.MatrixDefinition
---@field name string letters, digits, '_', '-' and '.': it names the output folder
---@field version string|number recorded with every result
---@field title? string for headings (default the name)
---@field description? string
---@field rows rapkit.MatrixRows what a row is and where its records come from
---@field dimensions rapkit.MatrixDimension[]
---@field weights? table<string, number> a weight, 0 or more, for every dimension (default all 1)
---@field total? "weighted_sum"|fun(scores: table<string, number>, weights: table<string, number>): number? default "weighted_sum"; a function gets nil for a missing score and may give nil: no total
---@field missing? "reweight"|"missing" a row with a missing score: its total scaled up to the full weight (default), or no total
---@field thresholds? rapkit.MatrixThreshold[] the levels of the total (default thirds of its range: Low, Medium, High)

---A level as a result holds it.
---@class rapkit.MatrixLevel
---@field level string
---@field rag "red"|"amber"|"green"
---@field min number
---@field order integer 1 for the lowest level

---A dimension as a scheme holds it, checked.
---@class rapkit.MatrixSchemeDimension
---@field name string
---@field description? string
---@field score function
---@field min number
---@field max number
---@field labels? string[]
---@field thresholds rapkit.MatrixLevel[]

---@class rapkit.MatrixScoreOptions
---@field period string the period to score, as rapkit.period.bounds reads it
---@field data? table<string, rapkit.Dataset|string> datasets or paths by the name rows.data gives (default rapkit.data)

---A scheme, as rapkit.matrix{...} makes it; tostring gives its name and version.
---@class rapkit.MatrixScheme
---@field name string
---@field version string
---@field title string the title, else the name
---@field description? string
---@field rows rapkit.MatrixRows
---@field dimensions rapkit.MatrixSchemeDimension[]
---@field weights table<string, number>
---@field missing "reweight"|"missing"
---@field thresholds rapkit.MatrixLevel[] given, or the thirds of the total's range
---@field where string "path:line" of the rapkit.matrix{...} call
---@field score fun(self: rapkit.MatrixScheme, opts: rapkit.MatrixScoreOptions): rapkit.MatrixResult scores the records of a period

---@class rapkit.MatrixCell
---@field score? number nil: no score
---@field evidence? string
---@field level? rapkit.MatrixLevel the cell's colour on its dimension's thresholds

---@class rapkit.MatrixRow
---@field key string
---@field group? string the group values of its records, joined with commas
---@field records integer
---@field scores table<string, number> by dimension; a missing score is absent
---@field cells table<string, rapkit.MatrixCell>
---@field scored integer the dimensions scored
---@field total? number nil when it has none
---@field reweighted boolean the total was scaled up over the dimensions scored
---@field level? rapkit.MatrixLevel
---@field rank? integer competition rank by total (1, 1, 3)
---@field band? integer the third its rank falls in: 1 top, 2 middle, 3 bottom

---@class rapkit.MatrixResult
---@field scheme rapkit.MatrixScheme
---@field period string
---@field first string
---@field last string
---@field used integer the records scored
---@field excluded table<string, integer> records left out, by reason ("no date", "no row key")
---@field rows rapkit.MatrixRow[] highest total first; rows without a total last
---@field by_key table<string, rapkit.MatrixRow>
---@field ranked integer the rows with a total

---@class rapkit.MatrixBeforeAfter
---@field before? number
---@field after? number
---@field change? number after - before; nil when either is missing

---@class rapkit.MatrixChange
---@field key string
---@field group? string
---@field now? rapkit.MatrixRow
---@field before? rapkit.MatrixRow
---@field cells table<string, rapkit.MatrixBeforeAfter> by dimension
---@field total rapkit.MatrixBeforeAfter
---@field level_before? rapkit.MatrixLevel
---@field level_after? rapkit.MatrixLevel
---@field direction? "up"|"down"|"same"|"new"|"gone" of the level

---@class rapkit.MatrixAgreementRow
---@field key string
---@field rank_a integer among the rows both results give a total
---@field rank_b integer
---@field level_a rapkit.MatrixLevel
---@field level_b rapkit.MatrixLevel
---@field rank_moves boolean
---@field level_moves boolean by RAG colour: schemes name their levels differently

---@class rapkit.MatrixAgreement
---@field a rapkit.MatrixResult
---@field b rapkit.MatrixResult
---@field n integer the rows with a total in both
---@field spearman? rapkit.RankCorrelationResult of the totals; nil below 2 rows
---@field kendall? rapkit.RankCorrelationResult
---@field rows rapkit.MatrixAgreementRow[]
---@field only_a string[] keys of rows with a total in a only
---@field only_b string[]

---@class rapkit.MatrixSensitivityOptions
---@field draws integer how many times to draw the weights, 1 or more
---@field seed? integer default 1
---@field spread? number each weight times 1 + u, u uniform in [-spread, spread) (default 0.2)

---@class rapkit.MatrixSensitivityRow
---@field key string
---@field row rapkit.MatrixRow
---@field level_kept integer draws that kept its level
---@field band_kept integer draws that kept its rank band
---@field level_share number
---@field band_share number
---@field rank_min? integer
---@field rank_max? integer
---@field robust boolean it kept its level in 95% of draws or more

---@class rapkit.MatrixSensitivity
---@field draws integer
---@field seed integer
---@field spread number
---@field rows rapkit.MatrixSensitivityRow[] the rows with a total

---The options of `rapkit matrix` as a table: the same names, but spread is
---a fraction here (0.2, not 20).
---@class rapkit.MatrixRunOptions
---@field scheme rapkit.MatrixScheme|string a scheme, or a scheme file's path
---@field period string the period to score
---@field data? table<string, rapkit.Dataset|string> as for scheme:score (default rapkit.data)
---@field compare? string also score this period and compare
---@field against? rapkit.MatrixScheme|string also score a second scheme (another name) and compare the two
---@field sensitivity? integer draws of the weights
---@field seed? integer with sensitivity (default 1)
---@field spread? number with sensitivity: a fraction (default 0.2)
---@field out? string the folder under --out the scheme's folder goes in (default --out itself)

---One scheme's part of a run.
---@class rapkit.MatrixRunScheme
---@field result rapkit.MatrixResult
---@field before? rapkit.MatrixResult with compare
---@field changes? rapkit.MatrixChange[] with compare
---@field sensitivity? rapkit.MatrixSensitivity with sensitivity
---@field folder string where its outputs went, under --out

---@class rapkit.MatrixRun: rapkit.MatrixRunScheme
---@field agreement? rapkit.MatrixAgreement with against
---@field against? rapkit.MatrixRunScheme with against

---The impact matrix: rapkit.matrix{...} checks a definition and returns a
---scheme; the functions score, compare and write as `rapkit matrix` does.
---They are require("matrix")'s.
---@class rapkit.matrixlib
---@overload fun(def: rapkit.MatrixDefinition): rapkit.MatrixScheme
rapkit.matrix = {}

---The scheme a scheme file (one ending `return rapkit.matrix{...}`) returns;
---the file is read as read_text reads.
---@param path string
---@return rapkit.MatrixScheme
function rapkit.matrix.load(path) end

---The change in every cell, total and level from `before` to `now`, two
---results of one scheme: one entry per row, `now`'s order, then the rows
---only `before` has.
---@param now rapkit.MatrixResult
---@param before rapkit.MatrixResult
---@return rapkit.MatrixChange[]
function rapkit.matrix.compare(now, before) end

---How far two schemes' results agree: Spearman and Kendall of the totals of
---the rows both give a total, and the rows whose rank or level moves.
---@param a rapkit.MatrixResult
---@param b rapkit.MatrixResult
---@return rapkit.MatrixAgreement
function rapkit.matrix.agreement(a, b) end

---Moves the weights `draws` times (rapkit.stats.random(seed)) and counts how
---often each row keeps its level and its rank band.
---@param result rapkit.MatrixResult
---@param opts rapkit.MatrixSensitivityOptions
---@return rapkit.MatrixSensitivity
function rapkit.matrix.sensitivity(result, opts) end

---What `rapkit matrix` does: scores, compares and checks, then writes the
---outputs to out/SCHEME-NAME/ under --out; nothing is written until all is done.
---@param opts rapkit.MatrixRunOptions
---@return rapkit.MatrixRun
function rapkit.matrix.run(opts) end

---The result's heatmap as a Chart (as heatmap.png draws it: rows by total,
---a column per dimension and the total, levels as colour and letter), to
---save or to give to rapkit.figure; nil when no row was scored.
---@param result rapkit.MatrixResult
---@return rapkit.Chart|nil
function rapkit.matrix.heatmap(result) end

---Whether x is a scheme made by rapkit.matrix{...}.
---@param x any
---@return boolean
function rapkit.matrix.is_scheme(x) end

---What rapkit.matrix{...} calls, with where the call is and the text of its
---file (info.where, info.source); call rapkit.matrix{...} instead.
---@param def rapkit.MatrixDefinition
---@param info? {where?: string, source?: string}
---@return rapkit.MatrixScheme
function rapkit.matrix.define(def, info) end

---What `rapkit matrix` calls with the value the scheme file returned and
---the command line's options as text; prints a line per scheme.
---@param value any
---@param args table<string, string>
function rapkit.matrix.main(value, args) end

-- ---- the metric library (require) -----------------------------------------------
-- Each module also has a small file in this folder (disproportionality.lua,
-- ...) marked `---@meta disproportionality`, which lua-language-server gives
-- for require("disproportionality"); its type is defined here.

---What every module's run returns besides its tables.
---@class rapkit.MetricResult
---@field used integer the rows counted
---@field excluded rapkit.Dataset reason, rows
---@field notes string[] footnote sentences

---@class rapkit.DisproportionalityOptions
---@field searches rapkit.Dataset a stop_search dataset
---@field population rapkit.Dataset a population dataset
---@field by? string[] columns of searches to split by
---@field area? string the column of searches holding the population's area names
---@field reference? string default "White"
---@field min_count? integer default rapkit.min_count, else 10

---@class rapkit.DisproportionalityResult: rapkit.MetricResult
---@field rates rapkit.Dataset per_1000 and ratio with intervals, by group; <figure>_suppressed true where a figure is withheld ([c])
---@field unstated_bounds rapkit.Dataset the widest the figures could be
---@field min_count integer

---@class rapkit.DisproportionalityPhrases
---@field rate? string
---@field ratio? string

---require("disproportionality")
---@class rapkit.module.disproportionality
local disproportionality = {}

---Searches per 1,000 people and rate ratios by ethnic group (Home Office method).
---@param opts rapkit.DisproportionalityOptions
---@return rapkit.DisproportionalityResult
function disproportionality.run(opts) end

---Phrases for one row of `rates`: "[c]" for a suppressed row.
---@param row rapkit.Row
---@param reference? string default "White"
---@return rapkit.DisproportionalityPhrases
function disproportionality.phrases(row, reference) end

---@class rapkit.FindRateOptions
---@field searches rapkit.Dataset a stop_search dataset
---@field by? string[]
---@field min_count? integer

---@class rapkit.FindRateResult: rapkit.MetricResult
---@field rates rapkit.Dataset share of person searches with an outcome other than no further action; share/lower/upper_suppressed true where withheld ([c])
---@field unstated_bounds rapkit.Dataset
---@field min_count integer

---require("find_rate")
---@class rapkit.module.find_rate
local find_rate = {}

---The find rate by ethnic group, with the Wilson interval.
---@param opts rapkit.FindRateOptions
---@return rapkit.FindRateResult
function find_rate.run(opts) end

---@class rapkit.RepresentationOptions
---@field workforce rapkit.Dataset a workforce dataset
---@field force? string the force (needed when the file holds several)
---@field from? integer|string the first year (default the first in the data)
---@field to? integer|string the last year (default the last)
---@field by? string a column to split by (rank, worker type...)
---@field benchmark? rapkit.Dataset a population dataset

---@class rapkit.RepresentationResult: rapkit.MetricResult
---@field shares rapkit.Dataset share with interval by year and group; share/lower/upper_suppressed true where withheld ([c])
---@field change rapkit.Dataset
---@field unstated_bounds rapkit.Dataset
---@field sentences string[]

---require("representation")
---@class rapkit.module.representation
local representation = {}

---Each group's share of the workforce, its change, and bounds for Not stated.
---@param opts rapkit.RepresentationOptions
---@return rapkit.RepresentationResult
function representation.run(opts) end

---@class rapkit.RetentionOptions
---@field events rapkit.Dataset a workforce_events dataset
---@field period? string a financial year, as "2024-25"
---@field group? string one of rapkit.ETHNIC_GROUPS

---@class rapkit.RetentionResult: rapkit.MetricResult
---@field by_group rapkit.Dataset joiners, leavers, net by group
---@field detail rapkit.Dataset by group, worker type and gender: every combination, 0 where none
---@field sentences string[]

---require("retention")
---@class rapkit.module.retention
local retention = {}

---Joiners and leavers by ethnic group.
---@param opts rapkit.RetentionOptions
---@return rapkit.RetentionResult
function retention.run(opts) end

---@class rapkit.RcrpOptions
---@field s136 rapkit.Dataset an s136 monthly series
---@field go_live string the first month under RCRP, as "2024-02"

---@class rapkit.RcrpResult: rapkit.MetricResult
---@field series rapkit.Dataset
---@field before_after rapkit.Dataset
---@field sectioning rapkit.Dataset share not sectioned by month; share/lower/upper_suppressed true where withheld ([c])
---@field attendance rapkit.Dataset appropriate rate by month; rate/lower/upper_suppressed true where withheld ([c])
---@field spc rapkit.SpcResult
---@field sentences string[]

---require("rcrp")
---@class rapkit.module.rcrp
local rcrp = {}

---Section 136 detentions before and after Right Care Right Person.
---@param opts rapkit.RcrpOptions
---@return rapkit.RcrpResult
function rcrp.run(opts) end

---@class rapkit.ActionsOptions
---@field actions rapkit.Dataset a survey_actions dataset
---@field previous? rapkit.Dataset an earlier tracker, to list what changed

---@class rapkit.ActionsResult: rapkit.MetricResult
---@field by_status rapkit.Dataset
---@field by_owner rapkit.Dataset
---@field by_owner_status rapkit.Dataset owner, status, n: every pair, n = 0 where none
---@field changes? rapkit.Dataset with previous only
---@field sentences string[]

---require("actions")
---@class rapkit.module.actions
local actions = {}

---The survey actions by status and owner, and what changed since the last tracker.
---@param opts rapkit.ActionsOptions
---@return rapkit.ActionsResult
function actions.run(opts) end

---require("matrix"): the module behind rapkit.matrix, with the same
---functions (see rapkit.matrix.run and the others for what each does).
---@class rapkit.module.matrix
local matrix = {}

---@param path string
---@return rapkit.MatrixScheme
function matrix.load(path) end

---@param now rapkit.MatrixResult
---@param before rapkit.MatrixResult
---@return rapkit.MatrixChange[]
function matrix.compare(now, before) end

---@param a rapkit.MatrixResult
---@param b rapkit.MatrixResult
---@return rapkit.MatrixAgreement
function matrix.agreement(a, b) end

---@param result rapkit.MatrixResult
---@param opts rapkit.MatrixSensitivityOptions
---@return rapkit.MatrixSensitivity
function matrix.sensitivity(result, opts) end

---@param opts rapkit.MatrixRunOptions
---@return rapkit.MatrixRun
function matrix.run(opts) end

---@param result rapkit.MatrixResult
---@return rapkit.Chart|nil
function matrix.heatmap(result) end

---@param x any
---@return boolean
function matrix.is_scheme(x) end

---@param def rapkit.MatrixDefinition
---@param info? {where?: string, source?: string}
---@return rapkit.MatrixScheme
function matrix.define(def, info) end

---@param value any
---@param args table<string, string>
function matrix.main(value, args) end
