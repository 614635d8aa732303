// Run by the gwbench kernel at start (JJAVA_STARTUP_SCRIPTS_PATH): common imports and the renderers.
import org.gwbench.linalg.*;
import org.gwbench.problem.*;
import org.gwbench.sinkhorn.*;
import org.gwbench.gw.*;
import org.gwbench.grad.*;
import org.gwbench.data.*;
import org.gwbench.experiments.*;
import org.gwbench.report.*;
import org.gwbench.notebook.Workbench;
import tech.tablesaw.api.Table;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.BooleanColumn;
import java.util.List;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.HeatMapChart;
Workbench.init();
