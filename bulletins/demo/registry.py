"""Demo registry: organisations, documents, people and events, as plain data.

Everything here is invented for the demo (persons, codes, dates, activities); only the names
of public bodies are real. Each row is keyed by a short local key that other rows use to
point at it; the loader turns keys into database rows through their natural keys.
"""

import datetime
from zoneinfo import ZoneInfo

TZ = ZoneInfo("Asia/Ho_Chi_Minh")


def day(year, month, dd):
    return datetime.date(year, month, dd)


def at(year, month, dd, hour=8, minute=0):
    """A local time in Cao Bằng (UTC+7), timezone-aware."""
    return datetime.datetime(year, month, dd, hour, minute, tzinfo=TZ)


# --------------------------------------------------------------------------------------------
# Organisations: key, name, short name, kind, parent key, citation code.
# Parents come before their children. Kinds are the values of Organisation.Kind.
# --------------------------------------------------------------------------------------------
ORGANISATIONS = [
    # Central bodies
    ("bch_tw", "Ban Chấp hành Trung ương Đảng", "BCH Trung ương", "central", None, "TW"),
    ("bct", "Bộ Chính trị", "", "central", "bch_tw", "TW"),
    ("bbt", "Ban Bí thư", "", "central", "bch_tw", "TW"),
    ("vptw", "Văn phòng Trung ương Đảng", "", "board", "bch_tw", "VPTW"),
    ("chinh_phu", "Chính phủ", "", "state", None, "CP"),
    # Province
    ("tinh_uy", "Tỉnh ủy Cao Bằng", "Tỉnh ủy", "province", "bch_tw", "TU"),
    ("btv_tinh", "Ban Thường vụ Tỉnh ủy Cao Bằng", "BTV Tỉnh ủy", "board", "tinh_uy", "TU"),
    ("hdnd_tinh", "Hội đồng nhân dân tỉnh Cao Bằng", "HĐND tỉnh", "state", "tinh_uy", "HĐND"),
    ("ubnd_tinh", "Ủy ban nhân dân tỉnh Cao Bằng", "UBND tỉnh", "state", "tinh_uy", "UBND"),
    # City
    ("thanh_uy", "Thành ủy Cao Bằng", "Thành ủy", "city", "tinh_uy", "TU"),
    ("btv_tp", "Ban Thường vụ Thành ủy Cao Bằng", "BTV Thành ủy", "board", "thanh_uy", "TU"),
    ("btg_tp", "Ban Tuyên giáo Thành ủy", "Ban Tuyên giáo", "board", "thanh_uy", "BTGTU"),
    ("btc_tp", "Ban Tổ chức Thành ủy", "Ban Tổ chức", "board", "thanh_uy", "BTCTU"),
    ("bdv_tp", "Ban Dân vận Thành ủy", "Ban Dân vận", "board", "thanh_uy", "BDVTU"),
    ("ubkt_tp", "Ủy ban Kiểm tra Thành ủy", "UBKT Thành ủy", "board", "thanh_uy", "UBKTTU"),
    (
        "hdnd_tp",
        "Hội đồng nhân dân thành phố Cao Bằng",
        "HĐND thành phố",
        "state",
        "thanh_uy",
        "HĐND",
    ),
    (
        "ubnd_tp",
        "Ủy ban nhân dân thành phố Cao Bằng",
        "UBND thành phố",
        "state",
        "thanh_uy",
        "UBND",
    ),
    (
        "mttq_tp",
        "Ủy ban Mặt trận Tổ quốc Việt Nam thành phố Cao Bằng",
        "UBMTTQ thành phố",
        "mass",
        "thanh_uy",
        "MTTQ",
    ),
    # Wards and commune
    ("du_hop_giang", "Đảng ủy phường Hợp Giang", "", "ward", "thanh_uy", "ĐU"),
    ("du_song_hien", "Đảng ủy phường Sông Hiến", "", "ward", "thanh_uy", "ĐU"),
    ("du_de_tham", "Đảng ủy phường Đề Thám", "", "ward", "thanh_uy", "ĐU"),
    ("du_chu_trinh", "Đảng ủy xã Chu Trinh", "", "commune", "thanh_uy", "ĐU"),
    # Party cells (two wards have a "Chi bộ Tổ dân phố 1": names are unique per parent only)
    ("hg_tdp1", "Chi bộ Tổ dân phố 1", "", "cell", "du_hop_giang", ""),
    ("hg_tdp5", "Chi bộ Tổ dân phố 5", "", "cell", "du_hop_giang", ""),
    ("hg_thcs", "Chi bộ Trường THCS Hợp Giang", "", "cell", "du_hop_giang", ""),
    ("sh_tdp1", "Chi bộ Tổ dân phố 1", "", "cell", "du_song_hien", ""),
    ("sh_tieu_hoc", "Chi bộ Trường Tiểu học Sông Hiến", "", "cell", "du_song_hien", ""),
    ("dt_tdp8", "Chi bộ Tổ dân phố 8", "", "cell", "du_de_tham", ""),
    ("dt_tdp12", "Chi bộ Tổ dân phố 12", "", "cell", "du_de_tham", ""),
    ("ct_na_me", "Chi bộ xóm Nà Mè", "", "cell", "du_chu_trinh", ""),
    ("ct_mam_non", "Chi bộ Trường Mầm non Chu Trinh", "", "cell", "du_chu_trinh", ""),
]

PUBLISHER = "btg_tp"
# The demo editor works in the publishing board; the demo secretary leads this cell.
DEMO_EDITOR_ORGANISATION = "btg_tp"
DEMO_SECRETARY_CELL = "hg_tdp1"


# --------------------------------------------------------------------------------------------
# Documents. "type" is a DocumentType name (created by the documents data migration).
# The same code appears twice in different years: 07-CT/TW (2019, 2026) and 01-QC/TU
# (2020, 2025); a document is identified by its code and its date.
# --------------------------------------------------------------------------------------------
DOCUMENTS = [
    {
        "key": "nq03_tw",
        "type": "Nghị quyết",
        "number": 3,
        "code": "03-NQ/TW",
        "issuer": "bct",
        "issued_on": day(2026, 5, 22),
        "subject": (
            "Về đẩy mạnh chuyển đổi số trong hoạt động của các cơ quan Đảng, Mặt trận Tổ quốc "
            "và các tổ chức chính trị - xã hội đến năm 2030, tầm nhìn đến năm 2035"
        ),
        "summary": (
            "Xác định chuyển đổi số trong các cơ quan Đảng là nhiệm vụ chính trị trọng tâm, "
            "thường xuyên; đặt mục tiêu đến năm 2030 toàn bộ hồ sơ đảng viên được số hóa, 100% "
            "văn bản không mật của cấp ủy được gửi, nhận trên môi trường mạng và các chi bộ "
            "sử dụng thống nhất nền tảng số phục vụ sinh hoạt, học tập nghị quyết."
        ),
    },
    {
        "key": "hd05_vptw",
        "type": "Hướng dẫn",
        "number": 5,
        "code": "05-HD/VPTW",
        "issuer": "vptw",
        "issued_on": day(2026, 6, 18),
        "subject": (
            "Về ứng dụng nền tảng số trong sinh hoạt chi bộ và quản lý đảng viên, thực hiện "
            "Nghị quyết số 03-NQ/TW của Bộ Chính trị"
        ),
        "summary": (
            "Hướng dẫn các cấp ủy sử dụng phần mềm quản lý hồ sơ đảng viên, sổ tay đảng viên "
            "điện tử; quy định việc gửi tài liệu sinh hoạt chi bộ qua mạng và yêu cầu bảo đảm "
            "an toàn thông tin, bảo vệ bí mật nhà nước."
        ),
    },
    {
        "key": "ct09_tu",
        "type": "Chỉ thị",
        "number": 9,
        "code": "09-CT/TU",
        "issuer": "btv_tinh",
        "issued_on": day(2026, 7, 10),
        "subject": (
            "Về tăng cường sự lãnh đạo của các cấp ủy đảng đối với chuyển đổi số trong hệ thống "
            "chính trị tỉnh Cao Bằng"
        ),
        "summary": (
            "Yêu cầu người đứng đầu cấp ủy trực tiếp lãnh đạo chuyển đổi số; hoàn thành số hóa "
            "hồ sơ đảng viên trong năm 2027; mỗi đảng bộ cấp huyện xây dựng ít nhất một mô hình "
            "chi bộ số tiêu biểu."
        ),
    },
    {
        "key": "kh412_tu",
        "type": "Kế hoạch",
        "number": 412,
        "code": "412-KH/TU",
        "issuer": "thanh_uy",
        "issued_on": day(2026, 8, 14),
        "subject": (
            "Về thực hiện Chỉ thị số 09-CT/TU, ngày 10/7/2026 của Ban Thường vụ Tỉnh ủy về tăng "
            "cường sự lãnh đạo của các cấp ủy đảng đối với chuyển đổi số trong hệ thống chính trị"
        ),
        "summary": (
            "Cụ thể hóa Chỉ thị số 09-CT/TU tại Đảng bộ thành phố: 7 chỉ tiêu đến năm 2030, "
            "5 nhóm nhiệm vụ, giải pháp; giao Ban Tuyên giáo Thành ủy chủ trì đưa tài liệu sinh "
            "hoạt chi bộ lên môi trường số."
        ),
    },
    {
        "key": "qd1580_tu",
        "type": "Quyết định",
        "number": 1580,
        "code": "1580-QĐ/TU",
        "issuer": "btv_tp",
        "issued_on": day(2026, 8, 25),
        "subject": "Về việc kiện toàn Ban Chỉ đạo chuyển đổi số của Thành ủy Cao Bằng",
        "summary": (
            "Ban Chỉ đạo gồm 13 thành viên do đồng chí Bí thư Thành ủy làm Trưởng ban; Ban "
            "Tuyên giáo Thành ủy là cơ quan thường trực."
        ),
    },
    {
        "key": "ct07_tw_2019",
        "type": "Chỉ thị",
        "number": 7,
        "code": "07-CT/TW",
        "issuer": "bbt",
        "issued_on": day(2019, 4, 16),
        "subject": (
            "Về tăng cường giáo dục truyền thống cách mạng, lý tưởng cách mạng cho thế hệ trẻ "
            "trong tình hình mới"
        ),
        "summary": (
            "Đề cao trách nhiệm của cấp ủy, tổ chức đoàn, nhà trường và gia đình trong giáo dục "
            "truyền thống; gắn giáo dục với hoạt động tại các khu di tích lịch sử cách mạng."
        ),
    },
    {
        "key": "ct07_tw_2026",
        "type": "Chỉ thị",
        "number": 7,
        "code": "07-CT/TW",
        "issuer": "bbt",
        "issued_on": day(2026, 6, 26),
        "subject": (
            "Về tăng cường sự lãnh đạo của Đảng đối với công tác phòng, chống thiên tai, ứng phó "
            "với biến đổi khí hậu trong tình hình mới"
        ),
        "summary": (
            "Chuyển mạnh từ ứng phó sang chủ động phòng ngừa; thực hiện phương châm “bốn tại "
            "chỗ”; hoàn thành di dời dân cư khỏi vùng có nguy cơ sạt lở, lũ quét cao trước năm "
            "2030."
        ),
    },
    {
        "key": "kh139_tu",
        "type": "Kế hoạch",
        "number": 139,
        "code": "139-KH/TU",
        "issuer": "btv_tinh",
        "issued_on": day(2026, 7, 16),
        "subject": (
            "Về thực hiện Chỉ thị số 07-CT/TW, ngày 26/6/2026 của Ban Bí thư về tăng cường sự "
            "lãnh đạo của Đảng đối với công tác phòng, chống thiên tai, ứng phó với biến đổi khí "
            "hậu trong tình hình mới"
        ),
        "summary": (
            "Phân công các huyện ủy, thành ủy rà soát bản đồ nguy cơ sạt lở, lũ quét; bố trí "
            "nguồn lực di dời hộ dân; kiểm tra việc chuẩn bị lực lượng, vật tư trước mùa mưa bão."
        ),
    },
    {
        "key": "kh405_tu",
        "type": "Kế hoạch",
        "number": 405,
        "code": "405-KH/TU",
        "issuer": "thanh_uy",
        "issued_on": day(2026, 7, 28),
        "subject": (
            "Về thực hiện Kế hoạch số 139-KH/TU, ngày 16/7/2026 của Ban Thường vụ Tỉnh ủy thực "
            "hiện Chỉ thị số 07-CT/TW của Ban Bí thư về công tác phòng, chống thiên tai, ứng phó "
            "với biến đổi khí hậu"
        ),
        "summary": (
            "Xác định 3 nhóm nhiệm vụ trọng tâm của thành phố: tuyên truyền, nâng cao nhận "
            "thức; rà soát, di dời hộ dân ở vùng nguy cơ cao; thực hiện phương châm “bốn tại "
            "chỗ” ở từng phường, xã, tổ dân phố, xóm."
        ),
    },
    {
        "key": "nd118_cp",
        "type": "Nghị định",
        "number": 118,
        "code": "118/2026/NĐ-CP",
        "issuer": "chinh_phu",
        "issued_on": day(2026, 4, 30),
        "subject": (
            "Quy định chi tiết một số điều của Luật Phòng, chống thiên tai về tổ chức và hoạt "
            "động của lực lượng xung kích phòng, chống thiên tai cấp xã"
        ),
        "summary": (
            "Quy định thành phần, nhiệm vụ, chế độ huấn luyện và chính sách hỗ trợ đối với lực "
            "lượng xung kích phòng, chống thiên tai ở cấp xã."
        ),
    },
    {
        "key": "kh1650_ubnd",
        "type": "Kế hoạch",
        "number": 1650,
        "code": "1650/KH-UBND",
        "issuer": "ubnd_tp",
        "issued_on": day(2026, 8, 3),
        "subject": (
            "Về phòng, chống thiên tai và tìm kiếm cứu nạn trên địa bàn thành phố Cao Bằng năm 2026"
        ),
        "summary": (
            "Phân công nhiệm vụ cho các phòng, ban chuyên môn và Ủy ban nhân dân các phường, xã; "
            "lập danh sách 47 hộ dân cần di dời khẩn cấp khi có mưa lớn kéo dài."
        ),
    },
    {
        "key": "cv1236_tu",
        "type": "Công văn",
        "number": 1236,
        "code": "1236-CV/TU",
        "issuer": "thanh_uy",
        "issued_on": day(2026, 7, 31),
        "subject": (
            "Về tuyên truyền kỷ niệm 81 năm Ngày Cách mạng Tháng Tám thành công (19/8/1945 - "
            "19/8/2026) và Quốc khánh nước Cộng hòa xã hội chủ nghĩa Việt Nam (02/9/1945 - "
            "02/9/2026)"
        ),
        "summary": (
            "Định hướng nội dung, hình thức tuyên truyền; yêu cầu treo cờ Tổ quốc, trang trí "
            "khánh tiết và tổ chức các hoạt động văn hóa, thể thao chào mừng bảo đảm trang "
            "trọng, tiết kiệm."
        ),
    },
    {
        "key": "nq11_tu",
        "type": "Nghị quyết",
        "number": 11,
        "code": "11-NQ/TU",
        "issuer": "tinh_uy",
        "issued_on": day(2026, 3, 5),
        "subject": (
            "Về phát triển du lịch tỉnh Cao Bằng trở thành ngành kinh tế mũi nhọn giai đoạn "
            "2026 - 2030, định hướng đến năm 2035"
        ),
        "summary": (
            "Gắn phát triển du lịch với bảo tồn Công viên địa chất toàn cầu UNESCO Non nước Cao "
            "Bằng và các di tích lịch sử cách mạng; xác định thành phố Cao Bằng là trung tâm "
            "dịch vụ, điểm dừng chân của các tuyến du lịch trong tỉnh."
        ),
    },
    {
        "key": "da06_tu",
        "type": "Đề án",
        "number": 6,
        "code": "06-ĐA/TU",
        "issuer": "thanh_uy",
        "issued_on": day(2026, 6, 22),
        "subject": (
            "Về phát triển du lịch đô thị và kinh tế ban đêm thành phố Cao Bằng giai đoạn "
            "2026 - 2030"
        ),
        "summary": (
            "Hình thành tuyến phố đi bộ ven sông Bằng, chợ đêm và các điểm trải nghiệm văn hóa "
            "Tày, Nùng; đặt mục tiêu đón 2,2 triệu lượt khách vào năm 2030."
        ),
    },
    {
        "key": "kl08_tw",
        "type": "Kết luận",
        "number": 8,
        "code": "08-KL/TW",
        "issuer": "bct",
        "issued_on": day(2026, 8, 12),
        "subject": (
            "Về tăng cường bảo vệ nền tảng tư tưởng của Đảng, đấu tranh phản bác các quan điểm "
            "sai trái, thù địch trên không gian mạng trong tình hình mới"
        ),
        "summary": (
            "Yêu cầu lấy xây làm chính, lấy cái đẹp dẹp cái xấu; phát huy vai trò của chi bộ và "
            "từng đảng viên trong lan tỏa thông tin tích cực trên mạng xã hội."
        ),
    },
    {
        "key": "kh421_tu",
        "type": "Kế hoạch",
        "number": 421,
        "code": "421-KH/TU",
        "issuer": "thanh_uy",
        "issued_on": day(2026, 9, 18),
        "subject": (
            "Về thực hiện Kết luận số 08-KL/TW, ngày 12/8/2026 của Bộ Chính trị về tăng cường "
            "bảo vệ nền tảng tư tưởng của Đảng, đấu tranh phản bác các quan điểm sai trái, thù "
            "địch trên không gian mạng trong tình hình mới"
        ),
        "summary": (
            "Kiện toàn Tổ công tác bảo vệ nền tảng tư tưởng của Đảng ở thành phố và các đảng bộ "
            "phường, xã; mỗi chi bộ có ít nhất một đảng viên nòng cốt tham gia đấu tranh trên "
            "không gian mạng."
        ),
    },
    {
        "key": "hd07_btgtu",
        "type": "Hướng dẫn",
        "number": 7,
        "code": "07-HD/BTGTU",
        "issuer": "btg_tp",
        "issued_on": day(2026, 9, 25),
        "subject": (
            "Về tổ chức nghiên cứu, học tập, quán triệt Kết luận số 08-KL/TW của Bộ Chính trị "
            "trong sinh hoạt chi bộ"
        ),
        "summary": (
            "Hướng dẫn các chi bộ dành ít nhất một kỳ sinh hoạt chuyên đề trong quý IV năm 2026 "
            "để quán triệt Kết luận và thảo luận trách nhiệm của đảng viên trên mạng xã hội."
        ),
    },
    {
        "key": "qd12_tu_2019",
        "type": "Quy định",
        "number": 12,
        "code": "12-QĐ/TU",
        "issuer": "btv_tp",
        "issued_on": day(2019, 9, 23),
        "subject": (
            "Về nội dung sinh hoạt chi bộ định kỳ của các chi bộ trực thuộc Đảng bộ thành phố "
            "Cao Bằng"
        ),
        "summary": "Được thay thế bởi Quy định số 27-QĐ/TU, ngày 30/7/2026.",
        "status": "replaced",
    },
    {
        "key": "qd27_tu_2026",
        "type": "Quy định",
        "number": 27,
        "code": "27-QĐ/TU",
        "issuer": "btv_tp",
        "issued_on": day(2026, 7, 30),
        "subject": (
            "Về nội dung, quy trình sinh hoạt chi bộ định kỳ và sinh hoạt chuyên đề của các chi "
            "bộ trực thuộc Đảng bộ thành phố Cao Bằng"
        ),
        "summary": (
            "Thay thế Quy định số 12-QĐ/TU năm 2019; bổ sung sinh hoạt chuyên đề ít nhất mỗi "
            "quý một lần, việc sử dụng tài liệu sinh hoạt chi bộ trên nền tảng số và tiêu chí "
            "đánh giá chất lượng buổi sinh hoạt."
        ),
    },
    {
        "key": "qc01_tu_2020",
        "type": "Quy chế",
        "number": 1,
        "code": "01-QC/TU",
        "issuer": "thanh_uy",
        "issued_on": day(2020, 10, 28),
        "subject": (
            "Quy chế làm việc của Ban Chấp hành Đảng bộ thành phố Cao Bằng khóa XIX, nhiệm kỳ "
            "2020 - 2025"
        ),
        "summary": "Hết hiệu lực khi Ban Chấp hành khóa XX ban hành quy chế làm việc mới.",
        "status": "replaced",
    },
    {
        "key": "qc01_tu_2025",
        "type": "Quy chế",
        "number": 1,
        "code": "01-QC/TU",
        "issuer": "thanh_uy",
        "issued_on": day(2025, 10, 15),
        "subject": (
            "Quy chế làm việc của Ban Chấp hành Đảng bộ thành phố Cao Bằng khóa XX, nhiệm kỳ "
            "2025 - 2030"
        ),
        "summary": (
            "Quy định trách nhiệm, quyền hạn, chế độ làm việc của Ban Chấp hành, Ban Thường vụ, "
            "Thường trực Thành ủy và mối quan hệ công tác với các tổ chức trong hệ thống chính "
            "trị thành phố."
        ),
    },
    {
        "key": "bc245_tu",
        "type": "Báo cáo",
        "number": 245,
        "code": "245-BC/TU",
        "issuer": "thanh_uy",
        "issued_on": day(2026, 7, 8),
        "subject": (
            "Về tình hình thực hiện nhiệm vụ chính trị 6 tháng đầu năm, phương hướng, nhiệm vụ "
            "6 tháng cuối năm 2026"
        ),
        "summary": (
            "Tổng thu ngân sách trên địa bàn ước đạt 61,3% dự toán; 100% chi bộ tổ chức sinh "
            "hoạt định kỳ đúng quy định; kết nạp 38 đảng viên mới."
        ),
    },
    {
        "key": "tb186_tu",
        "type": "Thông báo",
        "number": 186,
        "code": "186-TB/TU",
        "issuer": "btv_tp",
        "issued_on": day(2026, 9, 30),
        "subject": (
            "Kết luận của Ban Thường vụ Thành ủy về tình hình thực hiện nhiệm vụ 9 tháng và "
            "phương hướng, nhiệm vụ 3 tháng cuối năm 2026"
        ),
        "summary": (
            "Ghi nhận kết quả nổi bật 9 tháng; yêu cầu tập trung hoàn thành chỉ tiêu thu ngân "
            "sách, giải ngân vốn đầu tư công và chuẩn bị tổng kết công tác xây dựng Đảng năm "
            "2026."
        ),
    },
    {
        "key": "ctr15_tu",
        "type": "Chương trình",
        "number": 15,
        "code": "15-CTr/TU",
        "issuer": "thanh_uy",
        "issued_on": day(2026, 10, 20),
        "subject": (
            "Về thực hiện Cuộc vận động “Toàn dân đoàn kết xây dựng nông thôn mới, đô thị văn "
            "minh” trên địa bàn thành phố Cao Bằng giai đoạn 2026 - 2030"
        ),
        "summary": (
            "Đặt mục tiêu 100% tổ dân phố, xóm đạt danh hiệu văn hóa; mỗi phường, xã có ít nhất "
            "hai tuyến phố, tuyến đường “sáng - xanh - sạch - đẹp” do Nhân dân tự quản."
        ),
    },
]

# Typed links between documents: (source key, kind, target key). Kinds are the values of
# DocumentRelation.Kind. Chains: a city plan implements a provincial directive, which
# implements a central resolution; new rules replace old ones (which are marked replaced).
DOCUMENT_RELATIONS = [
    ("hd05_vptw", "guides", "nq03_tw"),
    ("ct09_tu", "implements", "nq03_tw"),
    ("kh412_tu", "implements", "ct09_tu"),
    ("qd1580_tu", "implements", "kh412_tu"),
    ("kh139_tu", "implements", "ct07_tw_2026"),
    ("kh405_tu", "implements", "kh139_tu"),
    ("kh1650_ubnd", "implements", "kh405_tu"),
    ("da06_tu", "implements", "nq11_tu"),
    ("kh421_tu", "implements", "kl08_tw"),
    ("hd07_btgtu", "guides", "kl08_tw"),
    ("qd27_tu_2026", "replaces", "qd12_tu_2019"),
    ("qc01_tu_2025", "replaces", "qc01_tu_2020"),
]


# --------------------------------------------------------------------------------------------
# People (all invented). Positions: (organisation key, title, start, end or None).
# --------------------------------------------------------------------------------------------
PEOPLE = [
    {
        "full_name": "Nông Thị Thanh Vân",
        "positions": [
            ("tinh_uy", "Ủy viên BTV Tỉnh ủy", day(2025, 10, 3), None),
            ("thanh_uy", "Bí thư Thành ủy", day(2025, 9, 24), None),
            ("thanh_uy", "Phó Bí thư Thường trực Thành ủy", day(2020, 10, 22), day(2025, 9, 23)),
        ],
    },
    {
        "full_name": "Lục Văn Khánh",
        "positions": [
            ("thanh_uy", "Phó Bí thư Thành ủy", day(2025, 9, 24), None),
            ("ubnd_tp", "Chủ tịch UBND thành phố", day(2024, 6, 12), None),
            ("ubnd_tp", "Phó Chủ tịch UBND thành phố", day(2019, 7, 1), day(2024, 6, 11)),
        ],
    },
    {
        "full_name": "Hoàng Văn Thạch",
        "positions": [
            ("thanh_uy", "Phó Bí thư Thường trực Thành ủy", day(2025, 9, 24), None),
            ("hdnd_tp", "Chủ tịch HĐND thành phố", day(2025, 10, 10), None),
        ],
    },
    {
        "full_name": "Bế Thị Lan Hương",
        "positions": [
            ("thanh_uy", "Ủy viên BTV Thành ủy", day(2025, 9, 24), None),
            ("btg_tp", "Trưởng Ban Tuyên giáo Thành ủy", day(2023, 3, 1), None),
        ],
    },
    {
        "full_name": "Đàm Văn Tuấn",
        "positions": [
            ("thanh_uy", "Ủy viên BTV Thành ủy", day(2020, 10, 22), None),
            ("btc_tp", "Trưởng Ban Tổ chức Thành ủy", day(2021, 1, 5), None),
        ],
    },
    {
        "full_name": "Hà Thị Nguyệt",
        "positions": [
            ("thanh_uy", "Ủy viên BTV Thành ủy", day(2025, 9, 24), None),
            ("bdv_tp", "Trưởng Ban Dân vận Thành ủy", day(2025, 10, 1), None),
            ("mttq_tp", "Chủ tịch Ủy ban MTTQ Việt Nam thành phố", day(2025, 10, 15), None),
        ],
    },
    {
        "full_name": "Triệu Đức Minh",
        "positions": [
            ("thanh_uy", "Ủy viên BTV Thành ủy", day(2020, 10, 22), None),
            ("ubkt_tp", "Chủ nhiệm Ủy ban Kiểm tra Thành ủy", day(2020, 10, 22), None),
        ],
    },
    {
        "full_name": "Mã Văn Cường",
        "positions": [
            ("thanh_uy", "Thành ủy viên", day(2020, 10, 22), None),
            ("ubnd_tp", "Phó Chủ tịch UBND thành phố", day(2022, 8, 1), None),
        ],
    },
    {
        "full_name": "Chu Văn Đức",
        "positions": [
            ("tinh_uy", "Tỉnh ủy viên", day(2025, 10, 3), None),
            ("ubnd_tinh", "Phó Chủ tịch UBND tỉnh", day(2024, 12, 20), None),
        ],
    },
    {
        "full_name": "Lâm Văn Quý",
        "positions": [
            ("tinh_uy", "Ủy viên BTV Tỉnh ủy", day(2020, 10, 16), None),
            ("hdnd_tinh", "Phó Chủ tịch Thường trực HĐND tỉnh", day(2021, 6, 25), None),
        ],
    },
    {
        "full_name": "Lương Thị Hồng Nhung",
        "positions": [
            ("btg_tp", "Phó Trưởng Ban Tuyên giáo Thành ủy", day(2024, 8, 1), None),
            (
                "du_hop_giang",
                "Bí thư Đảng ủy phường Hợp Giang",
                day(2020, 8, 15),
                day(2024, 7, 31),
            ),
        ],
    },
    {
        "full_name": "Hoàng Văn Bằng",
        "positions": [
            ("du_hop_giang", "Bí thư Đảng ủy phường Hợp Giang", day(2024, 8, 1), None),
        ],
    },
    {
        "full_name": "Vi Văn Sơn",
        "positions": [
            ("du_song_hien", "Bí thư Đảng ủy phường Sông Hiến", day(2020, 8, 15), None),
        ],
    },
    {
        "full_name": "Nông Văn Quyết",
        "positions": [
            ("du_de_tham", "Bí thư Đảng ủy phường Đề Thám", day(2022, 3, 1), None),
        ],
    },
    {
        "full_name": "Đinh Thị Phượng",
        "positions": [
            ("du_chu_trinh", "Bí thư Đảng ủy xã Chu Trinh", day(2020, 8, 10), None),
        ],
    },
    {
        "full_name": "Lý Thị Duyên",
        "positions": [
            ("hg_tdp1", "Bí thư Chi bộ Tổ dân phố 1", day(2022, 5, 1), None),
        ],
    },
    {
        "full_name": "Hoàng Thị Kim Thoa",
        "note": "Gương điển hình học tập và làm theo Bác, giới thiệu trong số tháng 9/2026.",
        "positions": [
            ("hg_tdp5", "Phó Bí thư Chi bộ Tổ dân phố 5", day(2019, 6, 1), None),
        ],
    },
]


# --------------------------------------------------------------------------------------------
# Events. Kinds and roles are the values of Event.Kind and Participation.Role.
# Participants: (person full name, role).
# --------------------------------------------------------------------------------------------
EVENTS = [
    # Reported in the August issue
    {
        "key": "so_ket_6_thang",
        "title": ("Hội nghị Ban Chấp hành Đảng bộ thành phố sơ kết công tác 6 tháng đầu năm 2026"),
        "kind": "conference",
        "start": at(2026, 7, 10, 8),
        "end": at(2026, 7, 10, 17),
        "place": "Hội trường Thành ủy Cao Bằng",
        "organisations": ["thanh_uy"],
        "participants": [
            ("Lâm Văn Quý", "spoke"),
            ("Nông Thị Thanh Vân", "chaired"),
            ("Lục Văn Khánh", "chaired"),
            ("Hoàng Văn Thạch", "chaired"),
            ("Lục Văn Khánh", "spoke"),
        ],
    },
    {
        "key": "kiem_tra_thien_tai",
        "title": "Đoàn công tác của tỉnh kiểm tra công tác phòng, chống thiên tai tại xã Chu Trinh",
        "kind": "visit",
        "start": at(2026, 7, 24, 8, 30),
        "end": at(2026, 7, 24, 11, 30),
        "place": "Xã Chu Trinh, thành phố Cao Bằng",
        "organisations": ["ubnd_tinh", "ubnd_tp", "du_chu_trinh"],
        "participants": [
            ("Chu Văn Đức", "led"),
            ("Lục Văn Khánh", "received"),
            ("Mã Văn Cường", "attended"),
            ("Đinh Thị Phượng", "spoke"),
        ],
    },
    {
        "key": "ra_mat_to_dan_pho_xanh",
        "title": "Ra mắt mô hình “Tổ dân phố xanh - sạch - đẹp” tại Tổ dân phố 5, phường Hợp Giang",
        "kind": "ceremony",
        "start": at(2026, 7, 30, 15),
        "end": at(2026, 7, 30, 17),
        "place": "Nhà văn hóa Tổ dân phố 5, phường Hợp Giang",
        "organisations": ["mttq_tp", "du_hop_giang"],
        "participants": [
            ("Hà Thị Nguyệt", "spoke"),
            ("Hoàng Văn Bằng", "chaired"),
            ("Hoàng Thị Kim Thoa", "spoke"),
        ],
    },
    # Reported in the September issue
    {
        "key": "trien_khai_chuyen_doi_so",
        "title": "Hội nghị triển khai Kế hoạch số 412-KH/TU về chuyển đổi số",
        "kind": "conference",
        "start": at(2026, 8, 20, 8),
        "end": at(2026, 8, 20, 11, 30),
        "place": "Hội trường Thành ủy Cao Bằng",
        "organisations": ["thanh_uy", "btg_tp"],
        "participants": [
            ("Nông Thị Thanh Vân", "chaired"),
            ("Bế Thị Lan Hương", "spoke"),
            ("Đàm Văn Tuấn", "spoke"),
            ("Hoàng Văn Bằng", "spoke"),
        ],
    },
    {
        "key": "doi_thoai_song_hien",
        "title": "Bí thư Thành ủy đối thoại với Nhân dân phường Sông Hiến",
        "kind": "dialogue",
        "start": at(2026, 8, 27, 14),
        "end": at(2026, 8, 27, 17),
        "place": "Nhà văn hóa phường Sông Hiến",
        "organisations": ["thanh_uy", "du_song_hien", "mttq_tp"],
        "participants": [
            ("Nông Thị Thanh Vân", "chaired"),
            ("Hà Thị Nguyệt", "chaired"),
            ("Mã Văn Cường", "spoke"),
            ("Vi Văn Sơn", "spoke"),
        ],
    },
    {
        "key": "trao_huy_hieu_2_9",
        "title": "Lễ trao Huy hiệu Đảng đợt 2/9/2026",
        "kind": "ceremony",
        "start": at(2026, 9, 1, 8),
        "end": at(2026, 9, 1, 10),
        "place": "Hội trường Thành ủy Cao Bằng",
        "organisations": ["thanh_uy", "btc_tp"],
        "participants": [
            ("Nông Thị Thanh Vân", "spoke"),
            ("Hoàng Văn Thạch", "chaired"),
            ("Đàm Văn Tuấn", "attended"),
        ],
    },
    # Reported in the October issue
    {
        "key": "bch_9_thang",
        "title": "Hội nghị Ban Chấp hành Đảng bộ thành phố đánh giá tình hình 9 tháng năm 2026",
        "kind": "conference",
        "start": at(2026, 9, 29, 8),
        "end": at(2026, 9, 29, 17),
        "place": "Hội trường Thành ủy Cao Bằng",
        "organisations": ["thanh_uy"],
        "participants": [
            ("Nông Thị Thanh Vân", "chaired"),
            ("Lục Văn Khánh", "spoke"),
            ("Triệu Đức Minh", "spoke"),
            ("Hoàng Văn Thạch", "attended"),
        ],
    },
    {
        "key": "khanh_thanh_nha_van_hoa",
        "title": "Khánh thành Nhà văn hóa Tổ dân phố 12, phường Đề Thám",
        "kind": "ceremony",
        "start": at(2026, 9, 19, 8),
        "end": at(2026, 9, 19, 10),
        "place": "Tổ dân phố 12, phường Đề Thám",
        "organisations": ["ubnd_tp", "du_de_tham"],
        "participants": [
            ("Lục Văn Khánh", "spoke"),
            ("Nông Văn Quyết", "spoke"),
            ("Mã Văn Cường", "attended"),
        ],
    },
    {
        "key": "bao_cao_vien_thang_9",
        "title": "Hội nghị báo cáo viên Thành ủy tháng 9 năm 2026",
        "kind": "talk",
        "start": at(2026, 9, 24, 14),
        "end": at(2026, 9, 24, 16, 30),
        "place": "Hội trường Thành ủy Cao Bằng",
        "organisations": ["btg_tp"],
        "participants": [
            ("Bế Thị Lan Hương", "chaired"),
            ("Lương Thị Hồng Nhung", "spoke"),
            ("Lý Thị Duyên", "attended"),
        ],
    },
    # Reported in the November issue (draft)
    {
        "key": "giao_ban_dan_van",
        "title": "Hội nghị giao ban công tác dân vận quý III năm 2026",
        "kind": "conference",
        "start": at(2026, 10, 14, 8),
        "end": at(2026, 10, 14, 11),
        "place": "Hội trường Thành ủy Cao Bằng",
        "organisations": ["bdv_tp"],
        "participants": [
            ("Hà Thị Nguyệt", "chaired"),
            ("Hoàng Văn Thạch", "spoke"),
            ("Vi Văn Sơn", "spoke"),
        ],
    },
    {
        "key": "kiem_tra_qd27_chu_trinh",
        "title": "Kiểm tra việc thực hiện Quy định số 27-QĐ/TU tại Đảng ủy xã Chu Trinh",
        "kind": "visit",
        "start": at(2026, 10, 21, 8),
        "end": at(2026, 10, 21, 11, 30),
        "place": "Trụ sở Đảng ủy xã Chu Trinh",
        "organisations": ["ubkt_tp", "du_chu_trinh"],
        "participants": [
            ("Triệu Đức Minh", "led"),
            ("Đinh Thị Phượng", "received"),
        ],
    },
    {
        "key": "ngay_hoi_dai_doan_ket",
        "title": "Ngày hội Đại đoàn kết toàn dân tộc điểm tại Tổ dân phố 1, phường Hợp Giang",
        "kind": "ceremony",
        "start": at(2026, 10, 25, 8),
        "end": at(2026, 10, 25, 11),
        "place": "Nhà văn hóa Tổ dân phố 1, phường Hợp Giang",
        "organisations": ["mttq_tp", "du_hop_giang", "hg_tdp1"],
        "participants": [
            ("Nông Thị Thanh Vân", "attended"),
            ("Hà Thị Nguyệt", "spoke"),
            ("Lý Thị Duyên", "spoke"),
        ],
    },
]


# --------------------------------------------------------------------------------------------
# Citation helpers for the issue texts, so headings match the registry.
# --------------------------------------------------------------------------------------------
_ORGANISATION_NAMES = {row[0]: row[1] for row in ORGANISATIONS}
_DOCUMENTS = {document["key"]: document for document in DOCUMENTS}


def short_date(value):
    """As printed in the bulletins: 14/8/2026, 05/9/2026."""
    return f"{value.day:02d}/{value.month}/{value.year}"


def cite(key, *, subject=True):
    """`Kế hoạch số 412-KH/TU, ngày 14/8/2026 của Thành ủy Cao Bằng về ...`."""
    document = _DOCUMENTS[key]
    text = (
        f"{document['type']} số {document['code']}, ngày {short_date(document['issued_on'])} "
        f"của {_ORGANISATION_NAMES[document['issuer']]}"
    )
    if subject:
        text += " " + document["subject"][0].lower() + document["subject"][1:]
    return text
