package dev.hubguard.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the operating system and the JDK's tools say about the portal's process: CPU time
 * and RSS from {@code /proc}, GC time from {@code jstat}, heap and native memory from
 * {@code jcmd}.
 */
final class PortalProcess {

	private static final Pattern NMT = Pattern.compile("^-\\s+(.+?) \\(reserved=(\\d+)KB, committed=(\\d+)KB[^)]*\\)",
			Pattern.MULTILINE);

	private static final Pattern NMT_TOTAL = Pattern.compile("Total: reserved=(\\d+)KB, committed=(\\d+)KB");

	private final long pid;

	private double cpuAtReady = Double.NaN;

	private double gcAtReady = Double.NaN;

	PortalProcess(long pid) {
		this.pid = pid;
	}

	/**
	 * Reads CPU time (and GC time, when jstat answers) at readiness; answers the CPU
	 * seconds.
	 */
	double markReady() throws Exception {
		cpuAtReady = cpuSeconds();
		gcAtReady = gcCpuSeconds();
		return cpuAtReady;
	}

	/** CPU and GC seconds at readiness, for figures "since ready". */
	double[] atReady() {
		if (Double.isNaN(cpuAtReady) || Double.isNaN(gcAtReady)) {
			throw new IllegalStateException("CPU or GC time not read at readiness");
		}
		return new double[] { cpuAtReady, gcAtReady };
	}

	/** User plus system CPU time of the process so far, in seconds. */
	double cpuSeconds() throws Exception {
		String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
		// Fields after the command (which may hold spaces) in parentheses; utime and
		// stime are fields 14 and 15, the 12th and 13th after it.
		String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
		return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / (double) clockTicks();
	}

	private static long ticks;

	private static synchronized long clockTicks() {
		if (ticks == 0) {
			try {
				List<String> out = BenchPhases.run(List.of("getconf", "CLK_TCK"), false);
				ticks = Long.parseLong(out.get(0).trim());
			}
			catch (Exception ex) {
				ticks = 100;
			}
		}
		return ticks;
	}

	long rssKib() throws Exception {
		return Files.readString(Path.of("/proc/" + pid + "/status"))
			.lines()
			.filter(l -> l.startsWith("VmRSS:"))
			.map(l -> l.replaceAll("[^0-9]", ""))
			.mapToLong(Long::parseLong)
			.findFirst()
			.orElseThrow();
	}

	/**
	 * CPU time of the collector's threads so far, in seconds: the threads named as
	 * HotSpot names its GC workers, and the VM thread, in which the serial collector (the
	 * image's) runs its collections (also other safepoint operations, which are few).
	 */
	double gcCpuSeconds() throws Exception {
		long ticks = 0;
		try (var tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
			for (Path task : tasks.toList()) {
				try {
					String stat = Files.readString(task.resolve("stat"));
					String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
					if (GC_THREAD.matcher(name).matches()) {
						String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
						ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
					}
				}
				catch (java.io.IOException exited) {
					// A thread that ended meanwhile.
				}
			}
		}
		return ticks / (double) clockTicks();
	}

	private static final Pattern GC_THREAD = Pattern
		.compile("VM Thread|GC Thread#\\d+|G1 .*|ZWorker.*|ZDriver.*|Shenandoah.*|ParGC.*|Parallel GC.*");

	/**
	 * Time spent in garbage collection pauses so far (jstat's GCT, wall time), in
	 * seconds.
	 */
	double gcSeconds() throws Exception {
		List<String> out = BenchPhases.run(List.of(tool("jstat"), "-gc", Long.toString(pid)), false);
		for (int i = 0; i + 1 < out.size(); i++) {
			List<String> header = List.of(out.get(i).trim().split("\\s+"));
			int at = header.indexOf("GCT");
			if (at >= 0) {
				return Double.parseDouble(out.get(i + 1).trim().split("\\s+")[at]);
			}
		}
		throw new IllegalStateException("jstat printed no GCT: " + String.join(" / ", out));
	}

	/** Runs a full collection (jcmd) and reads the heap it leaves: live and committed. */
	long[] liveHeapKib() throws Exception {
		jcmd("GC.run");
		String info = String.join("\n", jcmd("GC.heap_info"));
		Matcher total = Pattern.compile("total (\\d+)K, used (\\d+)K").matcher(info);
		long committed = 0;
		long used = 0;
		while (total.find()) {
			committed += Long.parseLong(total.group(1));
			used += Long.parseLong(total.group(2));
		}
		if (committed == 0) {
			throw new IllegalStateException("jcmd GC.heap_info printed no heap: " + info);
		}
		return new long[] { used, committed };
	}

	/**
	 * Native memory tracking's summary (the portal runs with
	 * {@code -XX:NativeMemoryTracking=summary}): total committed, then the largest
	 * categories, in MiB.
	 */
	String nativeMemory(int categories) throws Exception {
		String summary = String.join("\n", jcmd("VM.native_memory", "summary", "scale=KB"));
		Matcher total = NMT_TOTAL.matcher(summary);
		if (!total.find()) {
			throw new IllegalStateException("jcmd VM.native_memory: " + summary.lines().findFirst().orElse(""));
		}
		record Category(String name, long committed) {
		}
		List<Category> all = new ArrayList<>();
		Matcher m = NMT.matcher(summary);
		while (m.find()) {
			all.add(new Category(m.group(1).trim(), Long.parseLong(m.group(3))));
		}
		all.sort(Comparator.comparingLong(Category::committed).reversed());
		StringBuilder text = new StringBuilder("%d MiB committed:".formatted(Long.parseLong(total.group(2)) / 1024));
		for (Category c : all.subList(0, Math.min(categories, all.size()))) {
			text.append(" %s %d,".formatted(c.name(), Math.round(c.committed() / 1024.0)));
		}
		return text.substring(0, text.length() - 1);
	}

	private List<String> jcmd(String... command) throws Exception {
		List<String> full = new ArrayList<>(List.of(tool("jcmd"), Long.toString(pid)));
		full.addAll(List.of(command));
		return BenchPhases.run(full, false);
	}

	private static String tool(String name) {
		return Path.of(System.getProperty("java.home"), "bin", name).toString();
	}

}
